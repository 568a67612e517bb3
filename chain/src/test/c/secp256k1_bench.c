/*
 * The plain-C bound for scripts/bench-chain.sh: libsecp256k1 called directly, no JVM, from the very
 * library file the JNI binding ships (it exports libsecp256k1's API), so the Java numbers can be read
 * against the library itself on the same machine in the same run. Prototypes are declared here (opaque
 * 64- and 96-byte structs, as in libsecp256k1's public header) because the jar carries no header.
 *
 * Build: gcc -O2 -o secp256k1_bench secp256k1_bench.c -L<dir> -l:libsecp256k1-jni.so -lpthread
 * Prints: C ecdsa-verify threads=N verifications/s=X per-cpu-second=Y   (compressed key parsed + verify)
 *         C schnorr-verify threads=N verifications/s=X per-cpu-second=Y (x-only key parsed + verify)
 * per-cpu-second divides by the CPU time the verifying threads got, which a machine shared with other
 * work does not distort the way it distorts wall-clock rates.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct secp256k1_context_struct secp256k1_context;
typedef struct { unsigned char data[64]; } secp256k1_pubkey;
typedef struct { unsigned char data[64]; } secp256k1_ecdsa_signature;
typedef struct { unsigned char data[64]; } secp256k1_xonly_pubkey;
typedef struct { unsigned char data[96]; } secp256k1_keypair;

secp256k1_context *secp256k1_context_create(unsigned int flags);
int secp256k1_ec_pubkey_create(const secp256k1_context *, secp256k1_pubkey *, const unsigned char *seckey);
int secp256k1_ec_pubkey_serialize(const secp256k1_context *, unsigned char *out, size_t *len, const secp256k1_pubkey *, unsigned int flags);
int secp256k1_ec_pubkey_parse(const secp256k1_context *, secp256k1_pubkey *, const unsigned char *in, size_t len);
int secp256k1_ecdsa_sign(const secp256k1_context *, secp256k1_ecdsa_signature *, const unsigned char *msg32,
                         const unsigned char *seckey, const void *noncefp, const void *ndata);
int secp256k1_ecdsa_verify(const secp256k1_context *, const secp256k1_ecdsa_signature *, const unsigned char *msg32, const secp256k1_pubkey *);
int secp256k1_keypair_create(const secp256k1_context *, secp256k1_keypair *, const unsigned char *seckey);
int secp256k1_keypair_xonly_pub(const secp256k1_context *, secp256k1_xonly_pubkey *, int *parity, const secp256k1_keypair *);
int secp256k1_xonly_pubkey_serialize(const secp256k1_context *, unsigned char *out32, const secp256k1_xonly_pubkey *);
int secp256k1_xonly_pubkey_parse(const secp256k1_context *, secp256k1_xonly_pubkey *, const unsigned char *in32);
int secp256k1_schnorrsig_sign32(const secp256k1_context *, unsigned char *sig64, const unsigned char *msg32,
                                const secp256k1_keypair *, const unsigned char *aux32);
int secp256k1_schnorrsig_verify(const secp256k1_context *, const unsigned char *sig64, const unsigned char *msg,
                                size_t msglen, const secp256k1_xonly_pubkey *);

#define N 256
#define FLAGS_CONTEXT_SIGN_VERIFY 0x301
#define EC_COMPRESSED 0x102

static secp256k1_context *ctx;
static unsigned char msgs[N][32], pubs[N][33], xonly[N][32], schnorr[N][64];
static secp256k1_ecdsa_signature sigs[N];
static atomic_int stop;
static int algo; /* 0 ecdsa, 1 schnorr */

static double thread_cpu(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static double cpu_seconds[2];

static void *worker(void *arg) {
    long done = 0, offset = (long) arg;
    double cpu0 = thread_cpu();
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        int i = (int) ((done + offset) % N);
        int ok;
        if (algo == 0) {
            secp256k1_pubkey pk;
            ok = secp256k1_ec_pubkey_parse(ctx, &pk, pubs[i], 33) && secp256k1_ecdsa_verify(ctx, &sigs[i], msgs[i], &pk);
        } else {
            secp256k1_xonly_pubkey pk;
            ok = secp256k1_xonly_pubkey_parse(ctx, &pk, xonly[i]) && secp256k1_schnorrsig_verify(ctx, schnorr[i], msgs[i], 32, &pk);
        }
        if (!ok) {
            fprintf(stderr, "signature %d did not verify\n", i);
            _exit(1);
        }
        done++;
    }
    cpu_seconds[offset / 97] = thread_cpu() - cpu0;
    return (void *) done;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static double per_cpu;

static double rate(int threads, int millis) {
    pthread_t t[2];
    atomic_store(&stop, 0);
    double t0 = now();
    for (long k = 0; k < threads; k++) pthread_create(&t[k], NULL, worker, (void *) (k * 97));
    usleep(millis * 1000);
    atomic_store(&stop, 1);
    long total = 0;
    double cpu = 0;
    for (int k = 0; k < threads; k++) {
        void *r;
        pthread_join(t[k], &r);
        total += (long) r;
        cpu += cpu_seconds[k];
    }
    per_cpu = total / cpu;
    return total / (now() - t0);
}

int main(void) {
    ctx = secp256k1_context_create(FLAGS_CONTEXT_SIGN_VERIFY);
    for (int i = 0; i < N; i++) {
        unsigned char sec[32] = {0}, aux[32] = {0};
        sec[31] = (unsigned char) (i + 1);
        sec[0] = 0x5e;
        for (int b = 0; b < 32; b++) msgs[i][b] = (unsigned char) (i * 31 + b * 7);
        secp256k1_pubkey pk;
        size_t len = 33;
        secp256k1_ec_pubkey_create(ctx, &pk, sec);
        secp256k1_ec_pubkey_serialize(ctx, pubs[i], &len, &pk, EC_COMPRESSED);
        secp256k1_ecdsa_sign(ctx, &sigs[i], msgs[i], sec, NULL, NULL);
        secp256k1_keypair kp;
        secp256k1_xonly_pubkey xpk;
        secp256k1_keypair_create(ctx, &kp, sec);
        secp256k1_keypair_xonly_pub(ctx, &xpk, NULL, &kp);
        secp256k1_xonly_pubkey_serialize(ctx, xonly[i], &xpk);
        secp256k1_schnorrsig_sign32(ctx, schnorr[i], msgs[i], &kp, aux);
    }
    const char *names[] = {"ecdsa-verify", "schnorr-verify"};
    for (algo = 0; algo < 2; algo++) {
        rate(1, 1000); /* warm caches and clocks */
        for (int threads = 1; threads <= 2; threads++) {
            double r = rate(threads, 5000);
            printf("C %s threads=%d verifications/s=%.0f per-cpu-second=%.0f\n", names[algo], threads, r, per_cpu);
            fflush(stdout);
        }
    }
    return 0;
}
