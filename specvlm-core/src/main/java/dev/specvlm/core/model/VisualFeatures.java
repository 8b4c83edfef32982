package dev.specvlm.core.model;

/**
 * The visual embeddings of one image, already projected to the language model's width.
 *
 * @param embeddings {@code [tokens, H]} row-major
 * @param tokens N, the number of visual slots
 * @param gridHeight patch rows (N = gridHeight × gridWidth for the reference architecture)
 * @param gridWidth patch columns
 */
public record VisualFeatures(float[] embeddings, int tokens, int gridHeight, int gridWidth) {}
