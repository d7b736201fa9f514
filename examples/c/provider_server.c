/*
 * An OAuth 1.0a provider in C on liboauth1's oauth1_provider_*: the same
 * rules as `oauth1 serve` (request tokens, verifiers, single-use access
 * tokens, replay protection), and the same test resources, so
 * examples/c/three_legged.c and examples/python/three_legged.py run their
 * whole flow against it. A plain blocking HTTP/1.1 server on loopback, one
 * request per connection: an example of the library, not of a web server.
 *
 *   provider_server --port 0 --auto-approve [--store redis://HOST:PORT/DB]
 *
 * The first line on stdout is the base URL. Only auto-approve: the user's
 * decision is oauth1_provider_decide(..., true, "ada", NULL, ...).
 */
#define _POSIX_C_SOURCE 200809L
#include <oauth1.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_REQUEST (1024 * 1024)
#define MAX_HEADERS 64

typedef struct {
    char *buf; /* the whole request, headers NUL-split in place */
    const char *method, *target;
    oauth1_header headers[MAX_HEADERS];
    size_t header_count;
    const char *body;
    size_t body_len;
} request;

static volatile sig_atomic_t stopping;
static void on_signal(int sig) { (void)sig; stopping = 1; }

static const char *header_value(const request *r, const char *name) {
    for (size_t i = 0; i < r->header_count; i++)
        if (strcasecmp(r->headers[i].name, name) == 0) return r->headers[i].value;
    return NULL;
}

/* Reads one request (headers and body up to MAX_REQUEST bytes, in one
 * buffer that never moves: the header pointers point into it): 0 on success. */
static int read_request(int fd, request *r) {
    size_t cap = MAX_REQUEST, len = 0;
    r->buf = malloc(cap + 1);
    if (!r->buf) return -1;
    char *end = NULL;
    while (!end) {
        if (len == cap) return -1;
        ssize_t n = read(fd, r->buf + len, cap - len);
        if (n <= 0) return -1;
        len += (size_t)n;
        r->buf[len] = '\0';
        end = strstr(r->buf, "\r\n\r\n");
    }
    size_t head_len = (size_t)(end - r->buf) + 4;
    *end = '\0';
    char *line = r->buf, *next = strstr(line, "\r\n");
    if (next) *next = '\0';
    r->method = strtok(line, " ");
    r->target = strtok(NULL, " ");
    if (!r->method || !r->target) return -1;
    r->header_count = 0;
    while (next && r->header_count < MAX_HEADERS) {
        char *h = next + 2;
        next = strstr(h, "\r\n");
        if (next) *next = '\0';
        char *colon = strchr(h, ':');
        if (!colon) continue;
        *colon = '\0';
        char *value = colon + 1;
        while (*value == ' ' || *value == '\t') value++;
        r->headers[r->header_count].name = h;
        r->headers[r->header_count].value = value;
        r->header_count++;
    }
    const char *length = header_value(r, "Content-Length");
    size_t want = length ? (size_t)strtoul(length, NULL, 10) : 0;
    if (want > cap - head_len) return -1;
    size_t have = len - head_len;
    while (have < want) {
        ssize_t n = read(fd, r->buf + head_len + have, want - have);
        if (n <= 0) return -1;
        have += (size_t)n;
    }
    r->body = r->buf + head_len;
    r->body_len = want;
    return 0;
}

static const char *reason(unsigned status) {
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 302: return "Found";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

static void send_raw(int fd, unsigned status, const char *content_type, const char *extra_headers,
                     const char *body) {
    char head[4096];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %u %s\r\nConnection: close\r\nContent-Type: %s\r\nContent-Length: %zu\r\n%s\r\n",
                     status, reason(status), content_type, strlen(body), extra_headers);
    if (n > 0 && (size_t)n < sizeof head && write(fd, head, (size_t)n) < 0) return;
    if (write(fd, body, strlen(body)) < 0) return;
}

/* Sends a provider response as it is (status, type, body, WWW-Authenticate,
 * Location); `status_override` (non-zero) replaces the status. */
static void send_response(int fd, const oauth1_provider_response *resp, unsigned status_override) {
    uint16_t status = 500;
    char *type = NULL, *body = NULL, *www = NULL, *location = NULL;
    oauth1_provider_response_status(resp, &status);
    oauth1_provider_response_content_type(resp, &type);
    oauth1_provider_response_body(resp, &body);
    char extra[2048] = "";
    if (oauth1_provider_response_get(resp, "www-authenticate", &www) == OAUTH1_RESULT_OK)
        snprintf(extra, sizeof extra, "WWW-Authenticate: %s\r\n", www);
    else if (oauth1_provider_response_get(resp, "location", &location) == OAUTH1_RESULT_OK)
        snprintf(extra, sizeof extra, "Location: %s\r\n", location);
    send_raw(fd, status_override ? status_override : status, type ? type : "text/plain", extra, body ? body : "");
    oauth1_string_free(type);
    oauth1_string_free(body);
    oauth1_string_free(www);
    oauth1_string_free(location);
}

/* Appends `text` percent- and '+'-decoded, JSON-escaped, to out. */
static void json_decoded(char *out, size_t cap, const char *text, size_t len) {
    size_t o = strlen(out);
    for (size_t i = 0; i < len && o + 8 < cap; i++) {
        int c = (unsigned char)text[i];
        if (c == '+') c = ' ';
        else if (c == '%' && i + 2 < len + 1 && i + 2 <= len) {
            char hex[3] = {text[i + 1], text[i + 2], 0};
            c = (int)strtol(hex, NULL, 16);
            i += 2;
        }
        if (c == '"' || c == '\\') out[o++] = '\\';
        if (c >= 0x20) out[o++] = (char)c;
    }
    out[o] = '\0';
}

static long next_record_id = 1;

static void handle(int fd, const oauth1_provider *provider, const request *r, int auto_approve) {
    char *url = NULL;
    oauth1_provider_response *resp = NULL;
    if (oauth1_received_url(false, r->target, r->headers, r->header_count, false, &url) != OAUTH1_RESULT_OK) {
        send_raw(fd, 400, "text/plain", "", "the request URL cannot be rebuilt");
        return;
    }
    const char *path = r->target;
    const uint8_t *body = (const uint8_t *)r->body;
    if (strcmp(r->method, "POST") == 0 && strcmp(path, "/oauth/request_token") == 0) {
        oauth1_provider_request_token(provider, "POST", url, r->headers, r->header_count, body, r->body_len, &resp);
        send_response(fd, resp, 0);
    } else if (strcmp(r->method, "POST") == 0 && strcmp(path, "/oauth/access_token") == 0) {
        oauth1_provider_access_token(provider, "POST", url, r->headers, r->header_count, body, r->body_len, &resp);
        send_response(fd, resp, 0);
    } else if (strcmp(r->method, "GET") == 0 && strncmp(path, "/oauth/authorize?", 17) == 0) {
        const char *token = strstr(path, "oauth_token=");
        char value[256] = "";
        if (token) sscanf(token + 12, "%255[^&]", value);
        if (!auto_approve) {
            send_raw(fd, 400, "text/plain", "", "this example approves only with --auto-approve");
        } else {
            oauth1_provider_decide(provider, value, true, "ada", NULL, &resp);
            uint16_t status = 0;
            oauth1_provider_response_status(resp, &status);
            send_response(fd, resp, status == 303 ? 302 : 0);
        }
    } else if (strncmp(path, "/api/", 5) == 0) {
        oauth1_provider_authenticate(provider, r->method, url, r->headers, r->header_count, body, r->body_len, &resp);
        uint16_t status = 0;
        oauth1_provider_response_status(resp, &status);
        char *user = NULL, *consumer = NULL, *hash = NULL;
        if (status != 200) {
            send_response(fd, resp, 0);
        } else if (oauth1_provider_response_get(resp, "user", &user) == OAUTH1_RESULT_OK &&
                   oauth1_provider_response_get(resp, "consumer_key", &consumer) == OAUTH1_RESULT_OK) {
            char json[8192];
            if (strcmp(r->method, "GET") == 0 && strncmp(path, "/api/me", 7) == 0) {
                snprintf(json, sizeof json, "{\"user\":\"%s\",\"consumer\":\"%s\",\"query\":{", user, consumer);
                const char *q = strchr(path, '?');
                int first = 1;
                while (q && *q) {
                    const char *pair = q + 1, *amp = strchr(pair, '&'), *eq = strchr(pair, '=');
                    size_t plen = amp ? (size_t)(amp - pair) : strlen(pair);
                    if (eq && (size_t)(eq - pair) < plen && strncmp(pair, "oauth_", 6) != 0) {
                        strncat(json, first ? "\"" : ",\"", sizeof json - strlen(json) - 1);
                        json_decoded(json, sizeof json, pair, (size_t)(eq - pair));
                        strncat(json, "\":\"", sizeof json - strlen(json) - 1);
                        json_decoded(json, sizeof json, eq + 1, plen - (size_t)(eq - pair) - 1);
                        strncat(json, "\"", sizeof json - strlen(json) - 1);
                        first = 0;
                    }
                    q = amp;
                }
                strncat(json, "}}", sizeof json - strlen(json) - 1);
                send_raw(fd, 200, "application/json", "", json);
            } else if (strcmp(r->method, "POST") == 0 && strcmp(path, "/api/records") == 0) {
                snprintf(json, sizeof json, "{\"id\":%ld,\"owner\":\"%s\"}", next_record_id++, user);
                send_raw(fd, 201, "application/json", "", json);
            } else if (strcmp(r->method, "PUT") == 0 && strncmp(path, "/api/records/", 13) == 0) {
                if (oauth1_provider_response_get(resp, "body_hash", &hash) != OAUTH1_RESULT_OK) {
                    send_raw(fd, 400, "application/json", "", "{\"error\":\"a JSON body is signed only through oauth_body_hash\"}");
                } else {
                    snprintf(json, sizeof json, "{\"id\":%ld,\"owner\":\"%s\"}", strtol(path + 13, NULL, 10), user);
                    send_raw(fd, 200, "application/json", "", json);
                }
            } else {
                send_raw(fd, 404, "application/json", "", "{\"error\":\"no such resource\"}");
            }
        }
        oauth1_string_free(user);
        oauth1_string_free(consumer);
        oauth1_string_free(hash);
    } else if (strncmp(path, "/callback", 9) == 0) {
        send_raw(fd, 200, "text/plain", "", path);
    } else {
        send_raw(fd, 404, "text/plain", "", "no such page");
    }
    oauth1_provider_response_free(resp);
    oauth1_string_free(url);
}

int main(int argc, char **argv) {
    unsigned port = 8082;
    int auto_approve = 0;
    const char *store = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) port = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--auto-approve") == 0) auto_approve = 1;
        else if (strcmp(argv[i], "--store") == 0 && i + 1 < argc) store = argv[++i];
        else {
            fprintf(stderr, "usage: %s [--port N] [--auto-approve] [--store redis://HOST:PORT/DB]\n", argv[0]);
            return 2;
        }
    }
    oauth1_provider *provider = NULL;
    if (oauth1_provider_new(store, "liboauth1 C provider", &provider) != OAUTH1_RESULT_OK ||
        oauth1_provider_add_consumer(provider, "demo-consumer", "liboauth1 Demo Consumer",
                                     "demo-consumer-secret", NULL) != OAUTH1_RESULT_OK) {
        char message[512];
        oauth1_last_error_message(message, sizeof message);
        fprintf(stderr, "provider_server: %s\n", message);
        oauth1_provider_free(provider);
        return 1;
    }
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((uint16_t)port);
    socklen_t addr_len = sizeof addr;
    if (listener < 0 || bind(listener, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(listener, 64) != 0 ||
        getsockname(listener, (struct sockaddr *)&addr, &addr_len) != 0) {
        perror("provider_server: listen");
        oauth1_provider_free(provider);
        return 1;
    }
    struct sigaction stop = {0};
    stop.sa_handler = on_signal;
    sigaction(SIGTERM, &stop, NULL);
    sigaction(SIGINT, &stop, NULL);
    printf("http://127.0.0.1:%u\n", (unsigned)ntohs(addr.sin_port));
    fflush(stdout);
    fprintf(stderr, "provider_server: oauth1_provider on http://127.0.0.1:%u\n", (unsigned)ntohs(addr.sin_port));
    while (!stopping) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0) continue;
        request r = {0};
        if (read_request(fd, &r) == 0) handle(fd, provider, &r, auto_approve);
        free(r.buf);
        close(fd);
    }
    close(listener);
    oauth1_provider_free(provider);
    return 0;
}
