#ifndef CHATTUI_SPAWN_SHIM_H
#define CHATTUI_SPAWN_SHIM_H
#include <spawn.h>
/* glibc declares these only under _GNU_SOURCE, which Swift's Glibc module
   does not set. */
/* glibc 2.29+: the server starts in its configured cwd. */
int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *actions, const char *path);
/* glibc 2.34+: the child gets only the descriptors we hand it, not ours. */
int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);
#endif
