#ifndef CHATTUI_CURL_SHIM_H
#define CHATTUI_CURL_SHIM_H
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

/* libcurl is opened on the first request, not at start: it brings TLS,
   Kerberos, LDAP and SSH libraries, about 3 MB of memory that a session with
   no remote connector never needs. Its functions are reached through this
   table; curl_easy_setopt and curl_easy_getinfo are variadic, which Swift
   cannot call, so typed wrappers stand in for them. */
typedef struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
} chattui_curl_api;

/* The state lives in function-local statics: Swift emits a header's inline
   functions, not its file-level variables. */
typedef struct {
    chattui_curl_api api;
    const char *problem;
    pthread_once_t once;
} chattui_curl_state;

static inline chattui_curl_state *chattui_curl_storage(void) {
    static chattui_curl_state state = { .once = PTHREAD_ONCE_INIT };
    return &state;
}

static inline void chattui_curl_load(void) {
    chattui_curl_state *state = chattui_curl_storage();
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) { state->problem = dlerror(); return; }
    chattui_curl_api api = {
        dlsym(library, "curl_global_init"), dlsym(library, "curl_easy_init"), dlsym(library, "curl_easy_cleanup"),
        dlsym(library, "curl_easy_perform"), dlsym(library, "curl_easy_strerror"), dlsym(library, "curl_easy_setopt"),
        dlsym(library, "curl_easy_getinfo"), dlsym(library, "curl_slist_append"), dlsym(library, "curl_slist_free_all"),
    };
    if (!api.global_init || !api.easy_init || !api.easy_cleanup || !api.easy_perform || !api.easy_strerror
        || !api.easy_setopt || !api.easy_getinfo || !api.slist_append || !api.slist_free_all) {
        state->problem = "libcurl.so.4 lacks a function chattui needs";
        return;
    }
    if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) { state->problem = "libcurl could not be initialised"; return; }
    state->api = api;
}

/* The loaded functions, or NULL with the reason in chattui_curl_failure(). */
static inline const chattui_curl_api *chattui_curl(void) {
    chattui_curl_state *state = chattui_curl_storage();
    pthread_once(&state->once, chattui_curl_load);
    return state->api.easy_init ? &state->api : NULL;
}
static inline const char *chattui_curl_failure(void) {
    const char *problem = chattui_curl_storage()->problem;
    return problem ? problem : "libcurl is not loaded";
}

typedef size_t (*chattui_curl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*chattui_curl_progress_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode chattui_curl_set_long(CURL *handle, CURLoption option, long value) { return chattui_curl_storage()->api.easy_setopt(handle, option, value); }
static inline CURLcode chattui_curl_set_string(CURL *handle, CURLoption option, const char *value) { return chattui_curl_storage()->api.easy_setopt(handle, option, value); }
static inline CURLcode chattui_curl_set_pointer(CURL *handle, CURLoption option, void *value) { return chattui_curl_storage()->api.easy_setopt(handle, option, value); }
static inline CURLcode chattui_curl_set_size(CURL *handle, CURLoption option, curl_off_t value) { return chattui_curl_storage()->api.easy_setopt(handle, option, value); }
static inline CURLcode chattui_curl_set_data_callback(CURL *handle, CURLoption option, chattui_curl_data_callback callback) { return chattui_curl_storage()->api.easy_setopt(handle, option, callback); }
static inline CURLcode chattui_curl_set_progress_callback(CURL *handle, chattui_curl_progress_callback callback) { return chattui_curl_storage()->api.easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback); }
static inline long chattui_curl_response_code(CURL *handle) { long code = 0; chattui_curl_storage()->api.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &code); return code; }
#endif
