#include <zlib.h>
/* inflateInit2 is a macro; Swift cannot call it directly. */
static inline int lantern_inflate_init2(z_stream *stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
/* deflateInit2 is a macro too. */
static inline int lantern_deflate_init2(z_stream *stream, int level, int windowBits) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
