/* index.html of vbench report: one static page, charts embedded, works offline. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis/analysis.h"
#include "base/util.h"
#include "report.h"

void vb_html_esc(FILE *f, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*s, f);
		}
}

static void vb_base64_file(FILE *f, const char *path)
{
	static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char in[3];
	size_t n;
	FILE *src = fopen(path, "rb");

	if (!src)
		return;
	while ((n = fread(in, 1, 3, src)) > 0) {
		unsigned v = in[0] << 16 | (n > 1 ? in[1] << 8 : 0) | (n > 2 ? in[2] : 0);

		fputc(t[v >> 18 & 63], f);
		fputc(t[v >> 12 & 63], f);
		fputc(n > 1 ? t[v >> 6 & 63] : '=', f);
		fputc(n > 2 ? t[v & 63] : '=', f);
	}
	fclose(src);
}

static void vb_cells(FILE *f, const char *tag, const char *const *v, size_t n)
{
	fputs("<tr>", f);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "<%s>", tag);
		vb_html_esc(f, v[i]);
		fprintf(f, "</%s>", tag);
	}
	fputs("</tr>\n", f);
}

/* The runs: what each ran on, what its clock makes of the numbers (said once here, not per
 * row), and the command, folded away. */
static void vb_context(FILE *f, const struct vb_set *s)
{
	static const char *const head[] = { "run",    "date",	       "target",
					    "mode",   "policy",	       "revision",
					    "clock",  "deterministic", "what the numbers are",
					    "command" };

	size_t row = 0;

	fputs("<h2>Runs</h2>\n<table id=\"runs\"><thead>", f);
	vb_cells(f, "th", head, 10);
	fputs("</thead><tbody>\n", f);
	for (size_t i = 0; i < s->nruns; i++) {
		const struct vb_run *r = s->runs[i];
		const char *pol = vb_run_meta(r, "hyp.policy"), *caveat = "";
		const char *v[] = {
			vb_run_meta(r, "run_id"),      vb_run_meta(r, "date"),
			vb_run_meta(r, "target"),      vb_run_meta(r, "mode"),
			*pol ? pol : "none",	       vb_run_meta(r, "begin.rev"),
			vb_run_meta(r, "begin.clock"), vb_run_meta(r, "deterministic")
		};

		size_t k = row;

		while (k < s->nrows && s->rows[k].run != r) /* rows come run after run */
			k++;
		if (k < s->nrows)
			caveat = vb_row_caveat(&s->rows[k]), row = k;
		fputs("<tr>", f);
		for (size_t k = 0; k < 8; k++) {
			fputs("<td>", f);
			vb_html_esc(f, v[k]);
			fputs("</td>", f);
		}
		fputs("<td>", f);
		vb_html_esc(f, caveat);
		fputs("</td><td><details><summary>command</summary><code>", f);
		vb_html_esc(f, vb_run_meta(r, "command"));
		fputs("</code></details></td></tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void vb_charts_html(FILE *f, const char *plots, const struct vb_charts *l)
{
	char path[4096];

	fputs("<h2>Charts</h2>\n", f);
	for (size_t i = 0; i < l->n; i++) {
		const struct vb_chart *c = &l->c[i];

		if (!c->drawn)
			continue;
		snprintf(path, sizeof(path), "%s/%s.svg", plots, c->name);
		fputs("<figure><img class=\"chart\" alt=\"", f);
		vb_html_esc(f, c->title);
		fputs("\" src=\"data:image/svg+xml;base64,", f);
		vb_base64_file(f, path);
		fputs("\"><figcaption>", f);
		vb_html_esc(f, c->note);
		fprintf(f,
			" (<a href=\"plots/%s.png\">PNG</a>, <a href=\"plots/%s.svg\">SVG</a>, "
			"<a href=\"plots/%s.dat\">data</a>)</figcaption></figure>\n",
			c->name, c->name, c->name);
	}
	fputs("<ul class=\"skipped\">", f);
	for (size_t i = 0; i < l->n; i++)
		if (!l->c[i].drawn) {
			fprintf(f, "<li>%s: ", l->c[i].name);
			vb_html_esc(f, l->c[i].note);
			fputs("</li>", f);
		}
	fputs("</ul>\n", f);
}

static void vb_results(FILE *f, const struct vb_set *s)
{
	static const char *const head[] = { "target",	"mode",	     "policy",	  "bench",
					    "variant",	"config",    "status",	  "median",
					    "overhead", "corrected", "unit",	  "median CI",
					    "p10",	"p90",	     "stability", "basis" };
	char b[6][80];

	fputs("<h2>Results</h2>\n<p>Every row; what the clock makes of the numbers is said once "
	      "per run, in the table of runs.</p>\n<table id=\"results\"><thead>",
	      f);
	vb_cells(f, "th", head, 16);
	fputs("</thead><tbody>\n", f);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_row *r = &s->rows[i];
		double corr;

		for (size_t k = 0; k < 6; k++)
			b[k][0] = '\0';
		if (r->ok) {
			vb_fmt_num(b[0], 80, r->median);
			vb_fmt_num(b[3], 80, r->p10);
			vb_fmt_num(b[4], 80, r->p90);
		}
		if (r->has_overhead)
			vb_fmt_num(b[1], 80, r->overhead);
		if (!vb_row_corrected(r, &corr))
			vb_fmt_num(b[2], 80, corr);
		if (r->has_ci) {
			char lo[32], hi[32];

			vb_fmt_num(lo, 32, r->ci_lo), vb_fmt_num(hi, 32, r->ci_hi);
			snprintf(b[5], 80, "%s..%s", lo, hi);
		}
		const char *v[] = { vb_row_get(r, "target"),
				    vb_row_get(r, "mode"),
				    vb_row_get(r, "policy"),
				    vb_row_get(r, "bench"),
				    vb_row_get(r, "variant"),
				    vb_row_get(r, "config"),
				    vb_row_get(r, "status"),
				    b[0],
				    b[1],
				    b[2],
				    vb_row_get(r, "unit"),
				    r->has_ci ? b[5] : r->ci_note,
				    b[3],
				    b[4],
				    r->stability,
				    r->stab_basis };

		fprintf(f, "<!-- row %zu -->", i);
		fputs(strcmp(r->stability, "unstable") ? "" : "<!-- unstable -->", f);
		vb_cells(f, "td", v, 16);
	}
	fputs("</tbody></table>\n", f);
}

static void vb_pairs(FILE *f, const struct vb_set *s)
{
	static const char *const head[] = { "target",	     "policy", "bench",	 "variant",
					    "virt config",   "virt",   "native", "virt - native",
					    "virt / native", "unit",   "basis" };
	size_t n = 0;

	fputs("<h2>Virtualized against native</h2>\n<table id=\"pairs\"><thead>", f);
	vb_cells(f, "th", head, 11);
	fputs("</thead><tbody>\n", f);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_row *r = &s->rows[i];
		double ratio, diff, corr;
		const char *basis;
		char b[4][80];

		if (!r->native || !strcmp(vb_row_get(r, "mode"), "linux")) /* report_linux.c's */
			continue;
		if (vb_row_pair(r, &ratio, &diff, &basis)) {
			/* no pair to compute, but the virt value is still the virt value */
			if (!r->ok)
				snprintf(b[0], 80, "%s", vb_row_get(r, "status"));
			else
				vb_fmt_num(b[0], 80, vb_row_corrected(r, &corr) ? r->median : corr);
			snprintf(b[1], 80, "%s", vb_row_get(r->native, "status"));
			snprintf(b[2], 80, "-"), snprintf(b[3], 80, "-"), basis = "";
		} else {
			double v = strcmp(basis, "raw") && !vb_row_corrected(r, &corr) ? corr :
											 r->median;

			vb_fmt_num(b[0], 80, v);
			vb_fmt_num(b[1], 80, v - diff);
			vb_fmt_num(b[2], 80, diff);
			snprintf(b[3], 80, isnan(ratio) ? "-" : "%.3f", ratio);
		}
		const char *v[] = { vb_row_get(r, "target"),
				    vb_row_get(r, "policy"),
				    vb_row_get(r, "bench"),
				    vb_row_get(r, "variant"),
				    vb_row_get(r, "config"),
				    b[0],
				    b[1],
				    b[2],
				    b[3],
				    vb_row_get(r, "unit"),
				    basis };

		vb_cells(f, "td", v, 11);
		n++;
	}
	if (!n)
		fputs("<tr><td colspan=\"11\">no virt row has a native run to pair with</td></tr>",
		      f);
	fputs("</tbody></table>\n", f);
}

int vb_report_html(FILE *f, const struct vb_set *s, const char *plots, const struct vb_charts *l)
{
	char date[40];

	vb_iso_date(date, sizeof(date), time(NULL));
	fprintf(f,
		"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		"<title>vbench report</title>\n<style>%s</style></head>\n<body>\n",
		vb_report_css);
	fprintf(f, "<h1>vbench report</h1>\n<p>Made %s by vbench %s from %zu runs.</p>\n", date,
		VBENCH_VERSION, s->nruns);
	vb_report_summary(f, s);
	vb_charts_html(f, plots, l);
	vb_results(f, s);
	vb_pairs(f, s);
	vb_report_linux(f, s);
	vb_context(f, s);
	fputs(vb_report_method, f);
	fputs(vb_report_script, f);
	fputs("</body></html>\n", f);
	return ferror(f) ? -1 : 0;
}
