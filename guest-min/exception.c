/* guest-min's own faults: reported as error records, then the run ends. */
#include <guest.h>
#include <vb/halt.h>
#include <vb/record.h>

static const char *const vector_names[] = {
	"sync", "irq", "fiq", "serror", "undef", "pabt", "dabt"
};

void guest_exception(reg_t vector, reg_t esr, reg_t far, reg_t pc)
{
	struct record r;

	/* after the end record nothing may follow it: the halt call itself faulted */
	if (guest_halting())
		halt_wait();
	rec_open(&r, "error");
	rec_str(&r, "kind", "guest_exception");
	rec_str(&r, "vector", vector < 7 ? vector_names[vector] : "other");
	rec_u64(&r, "el", 1);
	rec_hex(&r, "esr", esr);
	rec_hex(&r, "far", far);
	rec_hex(&r, "pc", pc);
	rec_close(&r);
	guest_halt();
}

void guest_fail(const char *what, int code)
{
	struct record r;

	rec_open(&r, "error");
	rec_str(&r, "kind", "guest_setup");
	rec_str(&r, "msg", what);
	rec_u64(&r, "code", (uint64_t)(code < 0 ? -code : code)); /* table errors are negative */
	rec_close(&r);
	guest_halt();
}

void guest_fail_named(const char *what, const char *name)
{
	struct record r;

	rec_open(&r, "error");
	rec_str(&r, "kind", "guest_setup");
	rec_str(&r, "msg", what);
	rec_str(&r, "name", name);
	rec_close(&r);
	guest_halt();
}
