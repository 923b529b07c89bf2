/*
 * tsnut bench load generator: plain TCP clients on one epoll loop, so it costs
 * far less CPU than the servers it drives. Clients behave like real NUT
 * clients (libupsclient): connect, write a request line, read the reply; no
 * socket options at all (no TCP_QUICKACK, TCP_NODELAY or SO_LINGER).
 *
 *   load rr    -p PORT -c CONNS -d SECS -r REQ -e TERM   request/response loop
 *   load churn -p PORT -c CONNS -d SECS -r REQ -e TERM   connect, REQ, LOGOUT, close
 *   load burst -p PORT -c CONNS -r REQ -e TERM [-t SECS] all connect at once
 *   load hold  -p PORT -c CONNS -r REQ -e TERM [-i INFLIGHT]
 *              open CONNS (at most INFLIGHT connecting at a time), one REQ each,
 *              print READY, keep them until stdin closes.
 *
 * REQ and TERM take \n escapes. A reply is complete when the bytes received
 * since the request end with TERM. Output: one JSON line on stdout.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define TAIL 64

enum { ST_CONNECTING, ST_WAITING, ST_IDLE, ST_DONE };

struct conn {
	int fd;
	int state;
	double t_open;      /* connect() called */
	double t_sent;      /* request written */
	size_t got;         /* bytes of the current reply */
	char first[4];      /* first bytes of the reply (ERR detection) */
	char tail[TAIL];    /* last bytes of the reply */
};

static const char *mode;
static int port = 3493, nconns = 1, inflight = 8;
static double secs = 2, timeout_s = 30;
static char req[256], term[128];
static size_t reqlen, termlen;
static int ep;
static struct conn *conns;
static struct sockaddr_in addr;

static double *lat; static size_t nlat, caplat;
static long errors, connfail;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void unescape(char *dst, const char *src, size_t cap, size_t *len)
{
	size_t n = 0;
	for (; *src && n + 1 < cap; src++) {
		if (src[0] == '\\' && src[1] == 'n') { dst[n++] = '\n'; src++; }
		else dst[n++] = *src;
	}
	dst[n] = 0;
	*len = n;
}

static void sample(double v)
{
	if (nlat == caplat) {
		caplat = caplat ? caplat * 2 : 65536;
		lat = realloc(lat, caplat * sizeof *lat);
		if (!lat) { perror("realloc"); exit(2); }
	}
	lat[nlat++] = v;
}

static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double pct(double p)
{
	if (!nlat) return -1;
	size_t i = (size_t)(p * (nlat - 1) + 0.5);
	return lat[i];
}

static void open_conn(struct conn *c)
{
	c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0) { perror("socket"); exit(2); }
	c->state = ST_CONNECTING;
	c->got = 0;
	c->t_open = now();
	int r = connect(c->fd, (struct sockaddr *)&addr, sizeof addr);
	if (r < 0 && errno != EINPROGRESS) { perror("connect"); exit(2); }
	struct epoll_event ev = { .events = EPOLLOUT | EPOLLIN, .data.ptr = c };
	if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) < 0) { perror("epoll_ctl"); exit(2); }
}

static void send_req(struct conn *c)
{
	c->got = 0;
	c->t_sent = now();
	ssize_t w = write(c->fd, req, reqlen);
	if (w != (ssize_t)reqlen) { connfail++; c->state = ST_DONE; close(c->fd); return; }
	c->state = ST_WAITING;
}

static void close_conn(struct conn *c)
{
	if (c->state != ST_DONE) close(c->fd);
	c->state = ST_DONE;
}

/* returns 1 when a whole reply arrived, -1 on EOF/error */
static int read_reply(struct conn *c)
{
	static char buf[65536];
	for (;;) {
		ssize_t n = read(c->fd, buf, sizeof buf);
		if (n == 0) return -1;
		if (n < 0) return (errno == EAGAIN || errno == EINTR) ? 0 : -1;
		if (c->got < 4) memcpy(c->first + c->got, buf, (size_t)n < 4 - c->got ? (size_t)n : 4 - c->got);
		if ((size_t)n >= TAIL) memcpy(c->tail, buf + n - TAIL, TAIL);
		else { memmove(c->tail, c->tail + n, TAIL - n); memcpy(c->tail + TAIL - n, buf, n); }
		c->got += n;
		if (c->got >= termlen && memcmp(c->tail + TAIL - termlen, term, termlen) == 0) {
			if (memcmp(c->first, "ERR", 3) == 0) errors++;
			return 1;
		}
		if ((size_t)n < sizeof buf) return 0;
	}
}

static void raise_nofile(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static double cpu_self(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	if (argc < 2) { fprintf(stderr, "usage: load rr|churn|burst|hold [-p port] [-c conns] [-d secs] [-r req] [-e term] [-t timeout] [-i inflight]\n"); return 2; }
	mode = argv[1];
	unescape(req, "GET VAR dummy ups.status\\n", sizeof req, &reqlen);
	unescape(term, "\\n", sizeof term, &termlen);
	int o;
	optind = 2;
	while ((o = getopt(argc, argv, "p:c:d:r:e:t:i:")) != -1) {
		switch (o) {
		case 'p': port = atoi(optarg); break;
		case 'c': nconns = atoi(optarg); break;
		case 'd': secs = atof(optarg); break;
		case 'r': unescape(req, optarg, sizeof req, &reqlen); break;
		case 'e': unescape(term, optarg, sizeof term, &termlen); break;
		case 't': timeout_s = atof(optarg); break;
		case 'i': inflight = atoi(optarg); break;
		default: return 2;
		}
	}
	if (termlen == 0 || termlen > TAIL || nconns < 1) { fprintf(stderr, "bad -e or -c\n"); return 2; }
	raise_nofile();
	addr.sin_family = AF_INET;
	addr.sin_port = htons(port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ep = epoll_create1(EPOLL_CLOEXEC);
	conns = calloc(nconns, sizeof *conns);
	struct epoll_event *evs = calloc(1024, sizeof *evs);

	int is_rr = !strcmp(mode, "rr"), is_churn = !strcmp(mode, "churn");
	int is_burst = !strcmp(mode, "burst"), is_hold = !strcmp(mode, "hold");
	if (!is_rr && !is_churn && !is_burst && !is_hold) { fprintf(stderr, "unknown mode %s\n", mode); return 2; }

	double t0 = now(), end = t0 + (is_burst || is_hold ? timeout_s : secs);
	long done = 0, opened = 0, pending = 0;
	int started = 0;
	if (is_hold) {
		for (; opened < nconns && pending < inflight; opened++, pending++) open_conn(&conns[opened]);
	} else {
		for (int i = 0; i < nconns; i++) open_conn(&conns[i]);
		opened = nconns;
	}
	/* rr: latency counting starts once every connection is up (first replies excluded) */
	int up = 0;
	double tstart = t0;

	while (1) {
		double t = now();
		if (t >= end) break;
		if ((is_burst || is_hold) && done >= nconns) break;
		int ms = (int)((end - t) * 1000) + 1;
		if (ms > 100) ms = 100;
		int n = epoll_wait(ep, evs, 1024, ms);
		if (n < 0 && errno != EINTR) { perror("epoll_wait"); return 2; }
		for (int i = 0; i < n; i++) {
			struct conn *c = evs[i].data.ptr;
			if (c->state == ST_DONE) continue;
			if (c->state == ST_CONNECTING) {
				if (!(evs[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) continue;
				int err = 0; socklen_t el = sizeof err;
				getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &el);
				if (err) {
					connfail++; close_conn(c);
					if (is_churn) open_conn(c);
					else { done++; if (is_hold) pending--; }
					continue;
				}
				struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
				epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
				send_req(c);
				continue;
			}
			if (c->state != ST_WAITING) {
				/* idle (hold): the server closed us */
				char b[256];
				if (read(c->fd, b, sizeof b) <= 0) { connfail++; close_conn(c); }
				continue;
			}
			int r = read_reply(c);
			if (r == 0) continue;
			double tr = now();
			if (r < 0) {
				connfail++; close_conn(c);
				if (is_churn) open_conn(c);
				else if (is_burst) done++;
				else if (is_hold) { done++; pending--; }
				continue;
			}
			if (is_rr) {
				if (!started) {
					if (++up == nconns) { started = 1; tstart = tr; end = tr + secs; }
				} else { sample(tr - c->t_sent); done++; }
				send_req(c);
			} else if (is_churn) {
				sample(tr - c->t_open); done++;   /* connect to reply */
				/* like upscli_disconnect: LOGOUT, then close without waiting */
				if (write(c->fd, "LOGOUT\n", 7) < 0) { /* gone */ }
				close_conn(c);
				open_conn(c);
			} else if (is_burst) {
				sample(tr - t0); done++;
				close_conn(c);
			} else { /* hold */
				sample(tr - c->t_sent); done++; pending--;
				c->state = ST_IDLE;
				if (opened < nconns) { open_conn(&conns[opened++]); pending++; }
			}
		}
		if (is_rr && !started && now() - t0 > timeout_s) break;
	}
	double t1 = now();
	/* burst: clients still unanswered at the deadline count at the deadline (censored) */
	long unanswered = 0;
	if (is_burst)
		for (int i = 0; i < nconns; i++)
			if (conns[i].state != ST_DONE) { unanswered++; sample(t1 - t0); }
	double wall = is_rr ? t1 - tstart : t1 - t0;
	qsort(lat, nlat, sizeof *lat, cmpd);
	double cpu = cpu_self();
	printf("{\"mode\":\"%s\",\"conns\":%d,\"done\":%ld,\"secs\":%.4f,\"rate\":%.1f,"
	       "\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,"
	       "\"errors\":%ld,\"connfail\":%ld,\"unanswered\":%ld,\"client_cpu_s\":%.3f}\n",
	       mode, nconns, done, wall, done / wall,
	       pct(0.5) * 1e3, pct(0.9) * 1e3, pct(0.99) * 1e3, nlat ? lat[nlat - 1] * 1e3 : -1,
	       errors, connfail, unanswered, cpu);
	fflush(stdout);
	if (is_hold) {
		/* keep the connections until the parent closes our stdin */
		char b[16];
		while (read(0, b, sizeof b) > 0) { }
	}
	return 0;
}
