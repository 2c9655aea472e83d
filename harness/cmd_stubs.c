#include "cmd.h"
int vb_cmd_history(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 2;
}
int vb_cmd_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 2;
}
