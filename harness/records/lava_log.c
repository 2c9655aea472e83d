/* Reads a LAVA job log with libyaml: each line is a YAML document of its own. */
#include "lava_log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "console.h"

/* One log line as a document: the top mapping's scalars, and msg's when it is a mapping. */
struct vb_lava_entry {
	char *lvl, *msg;	      /* msg when it is a scalar */
	char *case_, *result;	      /* msg.case, msg.result */
	char *error_type, *error_msg; /* why a job failed */
	bool msg_is_map;
};

static void vb_entry_free(struct vb_lava_entry *x)
{
	free(x->lvl);
	free(x->msg);
	free(x->case_);
	free(x->result);
	free(x->error_type);
	free(x->error_msg);
	memset(x, 0, sizeof(*x));
}

static char *vb_scalar(const yaml_event_t *ev)
{
	return vb_xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
}

/* Skips the value that starts with ev (a scalar, or a whole mapping or sequence). */
static int vb_skip(yaml_parser_t *p, yaml_event_t *ev)
{
	int depth = ev->type == YAML_MAPPING_START_EVENT || ev->type == YAML_SEQUENCE_START_EVENT;

	while (depth > 0) {
		yaml_event_t in;

		if (!yaml_parser_parse(p, &in))
			return -1;
		if (in.type == YAML_MAPPING_START_EVENT || in.type == YAML_SEQUENCE_START_EVENT)
			depth++;
		else if (in.type == YAML_MAPPING_END_EVENT || in.type == YAML_SEQUENCE_END_EVENT)
			depth--;
		yaml_event_delete(&in);
	}
	return 0;
}

/* msg: {case: ..., result: ..., error_type: ..., error_msg: ...}: keeps what the job's end says. */
static int vb_msg_map(yaml_parser_t *p, struct vb_lava_entry *x)
{
	for (;;) {
		yaml_event_t k, v;
		char *key;

		if (!yaml_parser_parse(p, &k))
			return -1;
		if (k.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&k);
			return 0;
		}
		if (k.type != YAML_SCALAR_EVENT || !yaml_parser_parse(p, &v)) {
			yaml_event_delete(&k);
			return -1;
		}
		key = vb_scalar(&k);
		yaml_event_delete(&k);
		if (v.type == YAML_SCALAR_EVENT && !strcmp(key, "case"))
			x->case_ = vb_scalar(&v);
		else if (v.type == YAML_SCALAR_EVENT && !strcmp(key, "result"))
			x->result = vb_scalar(&v);
		else if (v.type == YAML_SCALAR_EVENT && !strcmp(key, "error_type"))
			x->error_type = vb_scalar(&v);
		else if (v.type == YAML_SCALAR_EVENT && !strcmp(key, "error_msg"))
			x->error_msg = vb_scalar(&v);
		else if (vb_skip(p, &v)) {
			free(key);
			yaml_event_delete(&v);
			return -1;
		}
		free(key);
		yaml_event_delete(&v);
	}
}

/* Parses one line into x; -1 if it is not a {dt, lvl, msg} mapping. */
static int vb_entry_parse(const char *line, size_t len, struct vb_lava_entry *x)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int ret = -1, level = 0; /* 0: before the mapping, 1: in it */

	memset(x, 0, sizeof(*x));
	if (!yaml_parser_initialize(&p))
		return -1;
	yaml_parser_set_input_string(&p, (const unsigned char *)line, len);
	while (yaml_parser_parse(&p, &ev)) {
		yaml_event_type_t t = ev.type;

		if (t == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			ret = x->lvl && (x->msg || x->msg_is_map) ? 0 : -1;
			break;
		}
		if (level == 0 && t == YAML_MAPPING_START_EVENT) {
			level = 1;
		} else if (level == 1 && t == YAML_SCALAR_EVENT) {
			char *key = vb_scalar(&ev);
			yaml_event_t v;

			yaml_event_delete(&ev);
			if (!yaml_parser_parse(&p, &ev)) {
				free(key);
				break;
			}
			if (!strcmp(key, "lvl") && ev.type == YAML_SCALAR_EVENT) {
				x->lvl = vb_scalar(&ev);
			} else if (!strcmp(key, "msg") && ev.type == YAML_SCALAR_EVENT) {
				x->msg = vb_scalar(&ev);
			} else if (!strcmp(key, "msg") && ev.type == YAML_MAPPING_START_EVENT) {
				x->msg_is_map = true;
				if (vb_msg_map(&p, x)) {
					free(key);
					break;
				}
			} else {
				v = ev;
				if (vb_skip(&p, &v)) {
					free(key);
					break;
				}
			}
			free(key);
		} else if (level == 1 && t == YAML_MAPPING_END_EVENT) {
			level = 2;
		} else if (t != YAML_STREAM_START_EVENT && t != YAML_DOCUMENT_START_EVENT &&
			   t != YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&ev);
			break; /* not a mapping of scalars and mappings */
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (ret)
		vb_entry_free(x);
	return ret;
}

static int vb_entry_use(const struct vb_lava_entry *x, int out_fd, struct vb_lava_log *info,
			struct vb_error *e)
{
	if (!strcmp(x->lvl, "target") && x->msg) {
		size_t n = strlen(x->msg);

		info->target_lines++;
		if (vb_write_all(out_fd, x->msg, n) || vb_write_all(out_fd, "\n", 1))
			return vb_fail(e, "writing the console: %s", strerror(errno));
		return 0;
	}
	if (!strcmp(x->lvl, "results") && x->case_ && !strcmp(x->case_, "job")) {
		info->job_result_seen = true;
		info->job_passed = x->result && !strcmp(x->result, "pass");
		if (x->error_type || x->error_msg)
			snprintf(info->job_error, sizeof(info->job_error), "%s: %s",
				 x->error_type ? x->error_type : "error",
				 x->error_msg ? x->error_msg : "no message");
		else
			snprintf(info->job_error, sizeof(info->job_error), "result %s",
				 x->result ? x->result : "missing");
	}
	return 0;
}

int vb_lava_log_console(const char *path, int out_fd, struct vb_lava_log *info, struct vb_error *e)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int ret = 0;

	memset(info, 0, sizeof(*info));
	if (!f)
		return vb_fail(e, "cannot open %s: %s", path, strerror(errno));
	while (!ret && (n = getline(&line, &cap, f)) > 0) {
		struct vb_lava_entry x;

		info->lines++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!n)
			continue;
		if (vb_entry_parse(line, (size_t)n, &x))
			ret = vb_fail(e,
				      "%s:%zu: not a LAVA log line (expected a YAML mapping with "
				      "lvl and msg)",
				      path, info->lines);
		else {
			ret = vb_entry_use(&x, out_fd, info, e);
			vb_entry_free(&x);
		}
	}
	if (!ret && ferror(f))
		ret = vb_fail(e, "reading %s: %s", path, strerror(errno));
	free(line);
	fclose(f);
	if (!ret && !info->lines)
		ret = vb_fail(e, "%s: empty: not a LAVA log", path);
	return ret;
}
