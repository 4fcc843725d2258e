#ifndef CHATTUI_NCURSESW_SHIM_H
#define CHATTUI_NCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <stdio.h>
#include <sys/ioctl.h>
#include <locale.h>
#include <ncursesw/curses.h>

/* ncurses keeps its state in C globals and function-like macros, which Swift
   cannot read safely or at all; these accessors keep those details in C. */
static inline SCREEN *chattui_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline WINDOW *chattui_stdscr(void) { return stdscr; }
static inline int chattui_colors(void) { return COLORS; }
static inline int chattui_color_pairs(void) { return COLOR_PAIRS; }
static inline int chattui_lines(void) { return LINES; }
static inline int chattui_cols(void) { return COLS; }
/* The terminal's size from the kernel, after SIGWINCH. */
static inline int chattui_window_size(int *rows, int *cols) {
    struct winsize size;
    if (ioctl(1, TIOCGWINSZ, &size) != 0) return -1;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 0;
}
static inline mmask_t chattui_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t chattui_wheel_down(void) { return BUTTON5_PRESSED; }
static inline attr_t chattui_a_bold(void) { return A_BOLD; }
static inline attr_t chattui_a_dim(void) { return A_DIM; }
static inline attr_t chattui_a_underline(void) { return A_UNDERLINE; }
static inline attr_t chattui_a_reverse(void) { return A_REVERSE; }
static inline attr_t chattui_a_italic(void) { return A_ITALIC; }
#endif
