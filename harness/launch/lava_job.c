/* Writes LAVA job definitions (YAML, by hand: a fixed shape with quoted strings). */
#include "lava_job.h"

#include <string.h>

#include "vb/params.h"

/* A YAML single-quoted scalar: ' doubles, nothing else is special. */
static void vb_yq(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', f);
		fputc(*s, f);
	}
	fputc('\'', f);
}

int vb_lava_url_check(const char *what, const char *url, struct vb_error *e)
{
	if (!url || !*url)
		return vb_fail(e, "lava job: %s is required (a file://, http:// or https:// URL)",
			       what);
	if (strncmp(url, "file:///", 8) && strncmp(url, "http://", 7) &&
	    strncmp(url, "https://", 8))
		return vb_fail(e, "lava job: %s %s: expected a file:///, http:// or https:// URL",
			       what, url);
	if (strpbrk(url, " \t\n'\"{}"))
		return vb_fail(e, "lava job: %s %s: blanks, quotes and braces are not allowed",
			       what, url);
	return 0;
}

const char *vb_lava_device_type(const struct vb_target *t)
{
	return t->launch == VB_LAUNCH_QEMU ? "qemu" : "u-boot";
}

/*
 * Matches one result record whole (through its CRC, so a line half received
 * is not matched early): the benchmark, configuration and variant are the
 * test case, the status the result, the median (p50) the measurement.
 */
static const char vb_result_pattern[] =
	"@vb1 g \\d+ result bench=(?P<test_case_id>[a-z0-9_]+ config=[^ ]+(?: variant=[^ ]+)?)"
	" [^\\n]*?unit=(?P<units>[^ ]+) status=(?P<result>[a-z]+)"
	"(?: n=\\d+ warmup=\\d+ min=\\d+ p50=(?P<measurement>\\d+))?[^\\n]* \\*[0-9a-f]{8}";

static void vb_write_test(FILE *f, const struct vb_lava_job *j)
{
	fprintf(f,
		"- test:\n"
		"    timeout: {seconds: %u}\n"
		"    monitors:\n"
		"    - name: vbench\n"
		"      start: ",
		j->timeout_s);
	vb_yq(f, "@vb1 g 0 begin ");
	fputs("\n      end: ", f);
	/*
	 * Through the line's end: LAVA logs a console line once its newline has
	 * arrived, and a job that stops at the CRC could end with the end record
	 * never logged (seen on a loaded machine).
	 */
	vb_yq(f, "@vb1 g \\d+ end records=\\d+ \\*[0-9a-f]{8}\\r?\\n");
	fputs("\n      pattern: ", f);
	vb_yq(f, vb_result_pattern);
	fputs("\n      fixupdict: {ok: pass, na: skip, unsupported: skip}\n", f);
}

/* QEMU: the image as -kernel, params.bin where the images look for it (-device loader). */
static void vb_write_qemu(FILE *f, const struct vb_lava_job *j)
{
	const struct vb_target *t = j->target;
	unsigned long long params = t->ram_base + t->ram_size - VB_PARAMS_OFFSET_FROM_RAM_END;

	fprintf(f,
		"context:\n"
		"  arch: %s\n"
		"actions:\n"
		"- deploy:\n"
		"    to: tmpfs\n"
		"    timeout: {minutes: 2}\n"
		"    images:\n"
		"      kernel:\n"
		"        image_arg: '-kernel {kernel}%s'\n"
		"        url: ",
		t->arch == VB_ARCH_ARMV8 ? "arm64" : "arm",
		j->deterministic ? " -icount shift=0,sleep=off" : "");
	vb_yq(f, j->image_url);
	fprintf(f,
		"\n"
		"      params:\n"
		"        image_arg: '-device loader,file={params},addr=0x%llx,force-raw=on'\n"
		"        url: ",
		params);
	vb_yq(f, j->params_url);
	fputs("\n"
	      "- boot:\n"
	      "    method: qemu\n"
	      "    media: tmpfs\n"
	      "    timeout: {minutes: 2}\n",
	      f);
}

/*
 * A board: U-Boot fetches the raw image and params.bin over TFTP and jumps
 * to the image at ram_base at the exception level it runs at (EL2/Hyp).
 */
static void vb_write_uboot(FILE *f, const struct vb_lava_job *j)
{
	const struct vb_target *t = j->target;
	unsigned long long params = t->ram_base + t->ram_size - VB_PARAMS_OFFSET_FROM_RAM_END;

	fputs("actions:\n"
	      "- deploy:\n"
	      "    to: tftp\n"
	      "    timeout: {minutes: 2}\n"
	      "    kernel:\n"
	      "      type: image\n"
	      "      url: ",
	      f);
	vb_yq(f, j->image_url);
	fputs("\n    ramdisk:\n      url: ", f);
	vb_yq(f, j->params_url);
	fprintf(f,
		"\n"
		"- boot:\n"
		"    method: u-boot\n"
		"    timeout: {minutes: 5}\n"
		"    commands:\n"
		"    - tftp 0x%llx {KERNEL}\n"
		"    - tftp 0x%llx {RAMDISK}\n"
		"    - dcache flush\n"
		"    - go 0x%llx\n",
		(unsigned long long)t->ram_base, params, (unsigned long long)t->ram_base);
}

int vb_lava_job_write(FILE *f, const struct vb_lava_job *j, struct vb_error *e)
{
	if (vb_lava_url_check("--image-url", j->image_url, e) ||
	    vb_lava_url_check("--params-url", j->params_url, e))
		return -1;
	fputs("# Written by vbench lava job (docs/lava.md)\n", f);
	fprintf(f, "device_type: %s\njob_name: ", vb_lava_device_type(j->target));
	vb_yq(f, j->name);
	fprintf(f,
		"\n"
		"timeouts:\n"
		"  job: {seconds: %u}\n"
		"  action: {seconds: %u}\n"
		"  connection: {minutes: 2}\n"
		"priority: medium\n"
		"visibility: public\n",
		j->timeout_s + 600, j->timeout_s + 120);
	if (j->target->launch == VB_LAUNCH_QEMU)
		vb_write_qemu(f, j);
	else
		vb_write_uboot(f, j);
	vb_write_test(f, j);
	return ferror(f) ? vb_fail(e, "writing the job failed") : 0;
}
