/**
 * Image preprocessing for the vision encoder: decoding with {@code javax.imageio} under a pixel limit checked from the
 * header, conversion to sRGB (grayscale, alpha, palette and 16-bit inputs), resizing within the model's pixel budget
 * to a multiple of the patch size, and normalisation.
 *
 * <ul>
 *   <li>{@link dev.specvlm.onnx.image.ImageSettings} — a model's preprocessing settings (from {@code specvlm.json});</li>
 *   <li>{@link dev.specvlm.onnx.image.ResizePolicy} — how an image size becomes the encoder's input size;</li>
 *   <li>{@link dev.specvlm.onnx.image.ImagePreprocessor} — image → normalised {@code [3, h, w]} pixels.</li>
 * </ul>
 */
@NullMarked
package dev.specvlm.onnx.image;

import org.jspecify.annotations.NullMarked;
