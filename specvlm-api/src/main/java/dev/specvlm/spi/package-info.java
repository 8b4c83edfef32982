/**
 * The service-provider interface through which {@link dev.specvlm.SpecDecoder#builder()} finds a backend.
 * Applications do not use this package; backends implement {@link dev.specvlm.spi.SpecDecoderProvider} and register
 * it in {@code META-INF/services/dev.specvlm.spi.SpecDecoderProvider}.
 */
@NullMarked
package dev.specvlm.spi;

import org.jspecify.annotations.NullMarked;
