/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tlsexplain-pcapgen: writes the teaching captures (pcaps/NAME.pcapng,
 * NAME.keys, NAME.dsb.pcapng) from real GnuTLS handshakes run in memory.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "capture.h"
#include "credentials.h"
#include "determinism.h"
#include "scenarios.h"

#ifndef TLSEXPLAIN_PCAPGEN_CERTS_DIR
#define TLSEXPLAIN_PCAPGEN_CERTS_DIR "certs"
#endif

struct options {
    char *out;
    char *certs;
    char *keys;
    int rtt_ms;
    int bench;
    gboolean list;
    char **scenarios;
};

static gboolean parse_options(int *argc, char ***argv, struct options *o,
                              GError **error)
{
    GOptionEntry entries[] = {
        { "out", 'o', 0, G_OPTION_ARG_FILENAME, &o->out,
          "Output directory (or file with --bench)", "PATH" },
        { "rtt-ms", 0, 0, G_OPTION_ARG_INT, &o->rtt_ms,
          "Network round-trip time in ms (default 20)", "N" },
        { "certs", 0, 0, G_OPTION_ARG_FILENAME, &o->certs,
          "Directory with ca-cert.pem, server-cert.pem, server-key.pem", "DIR" },
        { "bench", 0, 0, G_OPTION_ARG_INT, &o->bench,
          "Write N alternating TLS 1.2/1.3 full handshakes to --out FILE", "N" },
        { "keys", 0, 0, G_OPTION_ARG_FILENAME, &o->keys,
          "With --bench: also write the key log to FILE", "FILE" },
        { "list", 'l', 0, G_OPTION_ARG_NONE, &o->list,
          "List the scenarios and exit", NULL },
        { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->scenarios,
          NULL, "[SCENARIO...]" },
        G_OPTION_ENTRY_NULL
    };
    GOptionContext *ctx = g_option_context_new("- write TLS teaching captures");
    gboolean ok;

    g_option_context_add_main_entries(ctx, entries, NULL);
    ok = g_option_context_parse(ctx, argc, argv, error);
    g_option_context_free(ctx);
    return ok;
}

static void list_scenarios(void)
{
    size_t n;
    const struct scenario *table = scenario_table(&n);

    for (size_t i = 0; i < n; i++)
        printf("%-24s %s\n", table[i].name, table[i].summary);
}

static gboolean write_ca_file(const char *base, const GString *pem,
                              GError **error)
{
    char *path;
    gboolean ok;

    if (!pem)
        return TRUE;
    path = g_strconcat(base, ".ca.pem", NULL);
    ok = g_file_set_contents(path, pem->str, (gssize)pem->len, error);
    g_free(path);
    return ok;
}

static gboolean write_outputs(const char *dir, const char *name,
                              const struct scenario_output *out,
                              GError **error)
{
    char *base = g_build_filename(dir, name, NULL);
    char *plain = g_strconcat(base, ".pcapng", NULL);
    char *keys = g_strconcat(base, ".keys", NULL);
    char *dsb = g_strconcat(base, ".dsb.pcapng", NULL);
    gboolean ok = capture_write_file(plain, out->packets, NULL, error) &&
                  g_file_set_contents(keys, out->keylog->str,
                                      (gssize)out->keylog->len, error) &&
                  capture_write_file(dsb, out->packets, out->keylog, error) &&
                  write_ca_file(base, out->ca_pem, error);

    if (ok)
        printf("wrote %s (%u packets), %s, %s\n", plain,
               packet_list_count(out->packets), keys, dsb);
    g_free(base);
    g_free(plain);
    g_free(keys);
    g_free(dsb);
    return ok;
}

static gboolean run_and_write(const struct scenario_env *env, const char *dir,
                              const struct scenario *sc, GError **error)
{
    struct scenario_output out = { packet_list_new(), g_string_new(NULL), NULL };
    gboolean ok = sc->run(env, &out, error);

    if (ok) {
        packet_list_sort(out.packets);
        ok = write_outputs(dir, sc->name, &out, error);
    }
    packet_list_free(out.packets);
    g_string_free(out.keylog, TRUE);
    if (out.ca_pem)
        g_string_free(out.ca_pem, TRUE);
    return ok;
}

static gboolean generate(const struct scenario_env *env, const char *dir,
                         const struct scenario *sc, GError **error)
{
    /* A private copy: the extras belong to this scenario's process only. */
    struct tls_credentials creds = *env->creds;
    struct scenario_env local = { &creds, env->path };
    gboolean ok;

    det_clock_set(DET_EPOCH_NS);
    det_reseed(sc->name);
    if ((sc->extra_credentials && !tls_credentials_load_extras(&creds, error)) ||
        (sc->flawed_credentials && !tls_credentials_load_flawed(&creds, error)))
        return FALSE;
    ok = run_and_write(&local, dir, sc, error);
    tls_credentials_free_extras(&creds);
    tls_credentials_free_flawed(&creds);
    return ok;
}

/*
 * Each scenario runs in a child process so that its bytes do not depend
 * on which scenarios ran before it: GnuTLS notices the fork and reseeds
 * its generator from getrandom(), which det_reseed() has just restarted.
 */
static gboolean run_scenario(const struct scenario_env *env, const char *dir,
                             const struct scenario *sc, GError **error)
{
    int status = 0;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        GError *child_error = NULL;
        gboolean ok = generate(env, dir, sc, &child_error);

        if (!ok)
            fprintf(stderr, "tlsexplain-pcapgen: %s: %s\n", sc->name,
                    child_error->message);
        fflush(stdout);
        _exit(ok ? 0 : 1);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid ||
        !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        g_set_error(error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                    "scenario %s failed", sc->name);
        return FALSE;
    }
    return TRUE;
}

static const struct scenario *lookup(const char *name, GError **error)
{
    const struct scenario *sc = scenario_find(name);

    if (!sc)
        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "unknown scenario '%s' (see --list)", name);
    return sc;
}

static gboolean run_scenarios(const struct scenario_env *env,
                              const struct options *o, GError **error)
{
    size_t n;
    const struct scenario *table = scenario_table(&n);

    if (g_mkdir_with_parents(o->out, 0755) != 0) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                    "cannot create %s", o->out);
        return FALSE;
    }
    if (!o->scenarios || !o->scenarios[0]) {
        for (size_t i = 0; i < n; i++)
            if (!run_scenario(env, o->out, &table[i], error))
                return FALSE;
        return TRUE;
    }
    for (char **name = o->scenarios; *name; name++) {
        const struct scenario *sc = lookup(*name, error);

        if (!sc || !run_scenario(env, o->out, sc, error))
            return FALSE;
    }
    return TRUE;
}

static gboolean run_bench(const struct scenario_env *env,
                          const struct options *o, GError **error)
{
    double start = det_monotonic_seconds();
    gboolean ok = bench_run(env, (unsigned)o->bench, o->out, o->keys, error);

    if (ok)
        printf("wrote %s: %d handshakes in %.1f s\n", o->out, o->bench,
               det_monotonic_seconds() - start);
    return ok;
}

static gboolean run(struct options *o, GError **error)
{
    struct tls_credentials creds;
    struct flow_path path;
    struct scenario_env env = { &creds, &path };
    gboolean ok;

    if (!o->out || o->rtt_ms < 0 || o->bench < 0) {
        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "--out is required; --rtt-ms and --bench must not be negative");
        return FALSE;
    }
    if (!tls_credentials_load(&creds, o->certs, error))
        return FALSE;
    flow_path_init_ipv4(&path, (int64_t)o->rtt_ms * 1000000);
    ok = o->bench > 0 ? run_bench(&env, o, error) : run_scenarios(&env, o, error);
    tls_credentials_free(&creds);
    return ok;
}

int main(int argc, char **argv)
{
    struct options o = { .rtt_ms = 20 };
    GError *error = NULL;
    gboolean ok;

    det_install();
    if (!parse_options(&argc, &argv, &o, &error)) {
        fprintf(stderr, "tlsexplain-pcapgen: %s\n", error->message);
        return 2;
    }
    if (o.list) {
        list_scenarios();
        return 0;
    }
    if (!o.certs)
        o.certs = g_strdup(TLSEXPLAIN_PCAPGEN_CERTS_DIR);
    capture_library_init();
    ok = run(&o, &error);
    capture_library_cleanup();
    if (!ok) {
        fprintf(stderr, "tlsexplain-pcapgen: %s\n", error->message);
        g_error_free(error);
    }
    g_free(o.out);
    g_free(o.certs);
    g_free(o.keys);
    g_strfreev(o.scenarios);
    return ok ? 0 : 1;
}
