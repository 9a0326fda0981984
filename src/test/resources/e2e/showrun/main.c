/* Prints what reached the application, so that a test can tell flags from arguments. */
#include <stdio.h>
#include <string.h>
#include <uk/config.h>
#if CONFIG_LIBPOSIX_ENVIRON
#include <stdlib.h>
#endif
#if CONFIG_LIBVFSCORE
#include <fcntl.h>
#include <unistd.h>
#endif

int main(int argc, char *argv[])
{
	printf("argc=%d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("arg%d=[%s]\n", i, argv[i]);
#if CONFIG_LIBPOSIX_ENVIRON
	const char *greeting = getenv("GREETING");
	printf("GREETING=[%s]\n", greeting ? greeting : "(unset)");
#else
	printf("GREETING=(no posix-environ)\n");
#endif
	if (argc == 3 && strcmp(argv[1], "--read") == 0) {
#if CONFIG_LIBVFSCORE
		char line[128];
		int fd = open(argv[2], O_RDONLY);
		if (fd < 0) {
			printf("read %s: cannot open\n", argv[2]);
			return 1;
		}
		ssize_t n = read(fd, line, sizeof(line) - 1);
		close(fd);
		line[n > 0 ? n : 0] = '\0';
		line[strcspn(line, "\n")] = '\0';
		printf("read %s: [%s]\n", argv[2], line);
#else
		printf("read %s: no vfscore\n", argv[2]);
		return 1;
#endif
	}
	return 0;
}
