/* The fixed parts of the report page: style, method, the load check. */
#include "report.h"

const char vb_report_css[] =
	"body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}"
	"table{border-collapse:collapse;margin:1em 0;font-size:0.85em}"
	"th,td{border:1px solid #ccc;padding:0.2em 0.5em;text-align:left}"
	"th{background:#f0f0f0}td:nth-child(n+7){font-variant-numeric:tabular-nums}"
	"figure{margin:1.5em 0}img.chart{max-width:100%;border:1px solid #eee}"
	"figcaption{font-size:0.85em;color:#555}"
	"tr.unstable td{background:#fff0f0}#method{font-size:0.9em}"
	"#check{color:#888;font-size:0.8em}";

const char vb_report_method[] =
	"<h2 id=\"method\">Method</h2>\n<div id=\"method\">\n"
	"<p>Each sample is one operation between two ISB-fenced reads of the PMU cycle counter. "
	"Warm-up samples are dropped; the guest reports nearest-rank order statistics of the "
	"kept samples, and vbench verifies every record (CRC, consistency, and with raw samples "
	"recomputes every statistic).</p>\n"
	"<p><b>Overhead.</b> <code>counter_overhead</code> times the counter reads around "
	"nothing; every other row includes it once. <i>overhead</i> is that median from the "
	"same run (same configuration where measured), <i>corrected</i> = median - overhead. "
	"Both columns are shown: nothing is subtracted silently.</p>\n"
	"<p><b>Confidence interval of the median.</b> Distribution-free, from order "
	"statistics of the raw samples: with B ~ Binomial(n, 1/2), [x<sub>(j)</sub>, "
	"x<sub>(n-j+1)</sub>] covers the true median with probability 1 - 2 P(B &le; j-1) "
	"&ge; 95%. Runs without raw samples (<code>vbench run --samples</code>) get none and "
	"say so.</p>\n"
	"<p><b>Stability.</b> A row is <i>stable</i> when its interval, and the spread of its "
	"median over repeated runs in the report, are within 2% of the median; "
	"<i>unstable</i> rows are highlighted, not hidden; <i>unknown</i> when neither can be "
	"computed.</p>\n"
	"<p><b>Virtualized against native.</b> A virt row is paired with the native row of the "
	"same target, benchmark and stage-1 configuration; ratio and difference use corrected "
	"medians when both overheads are known (basis <i>corrected</i>), else raw medians.</p>\n"
	"<p><b>QEMU.</b> QEMU has no timing model. With <code>clock=icount</code> a cycle is "
	"one instruction and runs are bit-identical (intervals collapse to a point: true, not "
	"a bug); with <code>clock=host</code> the numbers follow host time and are noise. "
	"Only <code>clock=pmu</code> rows are hardware cycles.</p>\n</div>\n";

/* Marks unstable rows and records, for people and tests, that every chart loaded. */
const char vb_report_script[] =
	"<p id=\"check\"></p>\n<script>\n"
	"window.addEventListener('load', function () {\n"
	"  var imgs = document.querySelectorAll('img.chart'), ok = 0, empty = 0;\n"
	"  imgs.forEach(function (i) { if (i.complete && i.naturalWidth > 0) ok++; });\n"
	"  document.querySelectorAll('table').forEach(function (t) {\n"
	"    if (!t.tBodies[0] || t.tBodies[0].rows.length === 0) empty++; });\n"
	"  document.querySelectorAll('#results tbody tr').forEach(function (r) {\n"
	"    if (r.cells[12] && r.cells[12].textContent === 'unstable') r.className = 'unstable'; "
	"});\n"
	"  document.body.setAttribute('data-charts-loaded', ok + '/' + imgs.length);\n"
	"  document.body.setAttribute('data-empty-tables', String(empty));\n"
	"  document.getElementById('check').textContent = ok + ' of ' + imgs.length +\n"
	"    ' charts loaded; ' + empty + ' empty tables';\n"
	"});\n</script>\n";
