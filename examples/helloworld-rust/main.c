/* rs/src/lib.rs */
int rust_hello(int times);

int main(void)
{
	return rust_hello(3) == 3 ? 0 : 1;
}
