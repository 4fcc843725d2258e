#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, whose headers clash with Foundation's copy of ICU.
   Nothing here touches the encoding handler, the only structure those headers shape. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* xmlFree is a global function pointer in libxml2; Swift sees it as mutable global state. */
static inline void chattui_xml_free(void *pointer) { xmlFree(pointer); }
