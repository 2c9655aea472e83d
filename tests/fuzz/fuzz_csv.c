/*
 * Run folders read back and analysed: summary.csv, then after a line
 * "#samples" samples.csv, then after "#meta" meta.csv. What analyze and
 * compare do with a run that reads (taken twice, as a repeated run):
 * analysis.csv and a comparison of the set with itself.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "analysis/analysis.h"
#include "analysis/compare.h"
#include "fuzz.h"
#include "results/runset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *smp, *meta;
	size_t nsmp, nmeta, nsum = vbf_split(data, size, "#samples", &smp, &nsmp);
	struct vb_analysis_opts o;
	struct vb_comparison c = { 0 };
	struct vb_set s = { 0 };
	struct vb_error e;
	char dir[128], path[160];
	FILE *null;

	snprintf(dir, sizeof(dir), "%s/run", vbf_dir());
	vbf_write("run/summary.csv", data, nsum);
	snprintf(path, sizeof(path), "%s/samples.csv", dir);
	remove(path);
	snprintf(path, sizeof(path), "%s/meta.csv", dir);
	remove(path);
	if (smp) {
		nsmp = vbf_split(smp, nsmp, "#meta", &meta, &nmeta);
		vbf_write("run/samples.csv", smp, nsmp);
		if (meta)
			vbf_write("run/meta.csv", meta, nmeta);
	}
	/* twice: repeated runs of one configuration take analysis's spread-of-runs paths */
	if (!vb_set_add(&s, dir, &e) && !vb_set_add(&s, dir, &e)) {
		null = fopen("/dev/null", "w");
		vb_analysis_defaults(&o);
		vb_analyze(&s, &o);
		vb_analysis_write(null, &s);
		vb_compare(&s, &s, 5.0, false, &c);
		vb_comparison_csv(null, &c);
		vb_comparison_free(&c);
		fclose(null);
	}
	vb_set_free(&s);
	return 0;
}
