package dev.specvlm.train.vlm;

/**
 * A training batch of the target: B samples of one image size, token rows right-padded to the longest, and the rows
 * that carry the next-token loss.
 *
 * @param size B
 * @param height image height in pixels
 * @param width image width in pixels
 * @param pixels normalised images {@code [B, 3, height, width]}
 * @param length T, the padded row length
 * @param ids token ids {@code [B, T]}, visual slots holding the image token, padding the pad id
 * @param imageStart the first visual slot (the same in every row)
 * @param imageLength N, the visual slots per row
 * @param lossRows flat row indices {@code b·T + i} whose output predicts an answer token (or the closing EOS)
 * @param lossTargets the id each of {@code lossRows} must predict, {@code ids[b][i + 1]}
 * @param lossWeights the weight of each of {@code lossRows} in the loss (1 unless {@link BatchEmphasis} says more)
 * @param positions real (unpadded) positions in the batch, for throughput
 * @param samples the samples consumed from the data stream
 */
public record TargetBatch(int size, int height, int width, float[] pixels, int length, long[] ids, int imageStart,
    int imageLength, long[] lossRows, long[] lossTargets, float[] lossWeights, long positions, int samples) {}
