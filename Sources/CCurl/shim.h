#ifndef CHATTUI_CURL_SHIM_H
#define CHATTUI_CURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot
   call; these typed wrappers are the whole of this shim. */
typedef size_t (*chattui_curl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*chattui_curl_progress_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode chattui_curl_set_long(CURL *handle, CURLoption option, long value) { return curl_easy_setopt(handle, option, value); }
static inline CURLcode chattui_curl_set_string(CURL *handle, CURLoption option, const char *value) { return curl_easy_setopt(handle, option, value); }
static inline CURLcode chattui_curl_set_pointer(CURL *handle, CURLoption option, void *value) { return curl_easy_setopt(handle, option, value); }
static inline CURLcode chattui_curl_set_size(CURL *handle, CURLoption option, curl_off_t value) { return curl_easy_setopt(handle, option, value); }
static inline CURLcode chattui_curl_set_data_callback(CURL *handle, CURLoption option, chattui_curl_data_callback callback) { return curl_easy_setopt(handle, option, callback); }
static inline CURLcode chattui_curl_set_progress_callback(CURL *handle, chattui_curl_progress_callback callback) { return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback); }
static inline long chattui_curl_response_code(CURL *handle) { long code = 0; curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &code); return code; }
#endif
