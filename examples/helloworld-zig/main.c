#include <stdio.h>

/* ziggy/src/root.zig */
int add(int a, int b);

int main(void)
{
	int sum = add(40, 2);

	printf("add(40, 2) = %d\n", sum);
	return 0;
}
