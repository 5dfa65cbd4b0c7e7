/* replay_main.c - runs a fuzz target over files, without libFuzzer: the
 * seed corpora replay in the ordinary (gcc, ASan) test build, and a crash
 * found by the fuzzer reproduces with `replay FILE`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    int replayed = 0;
    for (int i = 1; i < argc; i++) {
        FILE *file = fopen(argv[i], "rb");
        if (!file) {
            fprintf(stderr, "replay: %s: cannot open\n", argv[i]);
            return 2;
        }
        size_t capacity = 4096, size = 0;
        uint8_t *data = malloc(capacity);
        size_t got;
        while (data && (got = fread(data + size, 1, capacity - size, file)) > 0) {
            size += got;
            if (size == capacity) {
                uint8_t *grown = realloc(data, capacity *= 2);
                if (!grown)
                    free(data);
                data = grown;
            }
        }
        fclose(file);
        if (!data)
            return 2;
        LLVMFuzzerTestOneInput(data, size);
        free(data);
        replayed++;
    }
    printf("%d inputs replayed\n", replayed);
    return 0;
}
