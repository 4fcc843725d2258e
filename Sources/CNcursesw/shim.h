#ifndef CHATTUI_NCURSESW_SHIM_H
#define CHATTUI_NCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>

/* Swift cannot read ncurses' global variables safely under strict concurrency;
   these accessors keep that one detail in C. */
static inline WINDOW *chattui_stdscr(void) { return stdscr; }
static inline int chattui_colors(void) { return COLORS; }
static inline int chattui_color_pairs(void) { return COLOR_PAIRS; }
static inline int chattui_lines(void) { return LINES; }
static inline int chattui_cols(void) { return COLS; }
static inline void chattui_set_escdelay(int ms) { set_escdelay(ms); }
#endif
