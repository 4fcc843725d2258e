#ifndef CHATTUI_SPAWN_SHIM_H
#define CHATTUI_SPAWN_SHIM_H
#include <spawn.h>
/* glibc declares these only under _GNU_SOURCE, which Swift's Glibc module
   does not set. */
/* glibc 2.29+: the server starts in its configured cwd. */
int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *actions, const char *path);
/* glibc 2.34+: the child gets only the descriptors we hand it, not ours. */
int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);

#include <errno.h>
#include <unistd.h>
/* Writes all `length` bytes to a child's pipe, again after a signal interrupts;
   0 when all went, else the errno that stopped it (EPIPE: the child has gone). */
static inline int chattui_write_all(int fd, const void *bytes, size_t length) {
    const char *next = bytes;
    while (length > 0) {
        ssize_t written = write(fd, next, length);
        if (written < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        next += written;
        length -= (size_t)written;
    }
    return 0;
}
#endif
