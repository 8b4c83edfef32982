/**
 * specvlm's public API: lossless speculative decoding for vision-language models.
 *
 * <p>Table of contents:
 * <ul>
 *   <li>{@link dev.specvlm.SpecDecoder} — the one entry point ({@code SpecDecoder.builder()}), thread-safe,
 *       {@link java.lang.AutoCloseable};</li>
 *   <li>{@link dev.specvlm.Prompt} and {@link dev.specvlm.ImageInput} — what to generate from;</li>
 *   <li>{@link dev.specvlm.GenerationConfig} with {@link dev.specvlm.SpeculationMode},
 *       {@link dev.specvlm.TreeBudget}, {@link dev.specvlm.VerificationSampler} and
 *       {@link dev.specvlm.VisualCompression} — how to generate;</li>
 *   <li>{@link dev.specvlm.GenerationResult}, {@link dev.specvlm.FinishReason} and
 *       {@link dev.specvlm.SpecStats} — what came out; {@link dev.specvlm.TokenListener} and
 *       {@link dev.specvlm.GenerationHandle} for streaming and asynchronous use;</li>
 *   <li>{@link dev.specvlm.SpecVlmException} and its subclasses — the one unchecked exception family.</li>
 * </ul>
 * Backends plug in through {@link dev.specvlm.spi.SpecDecoderProvider}.
 */
@NullMarked
package dev.specvlm;

import org.jspecify.annotations.NullMarked;
