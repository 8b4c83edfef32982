package dev.specvlm.train.distill;

import static com.google.common.base.Preconditions.checkArgument;

import dev.specvlm.train.data.DataSplit;
import dev.specvlm.train.data.Resolution;
import dev.specvlm.train.data.Sample;
import dev.specvlm.train.data.SampleGenerator;
import java.util.List;

/**
 * Procedural scene conversations: index {@code i} is the sample of seed {@code split.seed(offset + i)} drawn at the
 * given resolution mix. An epoch of the training split never overlaps the held-out split.
 */
public final class SceneConversations implements DistillationData {
  private final SampleGenerator generator;
  private final DataSplit split;
  private final long offset;
  private final int size;

  /**
   * @param mix resolutions, each entry drawn equally often (per seed)
   * @param offset the first sample index in the split
   * @param size conversations per epoch
   */
  public SceneConversations(List<Resolution> mix, DataSplit split, long offset, int size) {
    checkArgument(size > 0, "an epoch needs at least one conversation, got %s", size);
    this.generator = SampleGenerator.of(mix);
    this.split = split;
    this.offset = offset;
    this.size = size;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Conversation get(int index) {
    checkArgument(index >= 0 && index < size, "conversation %s is outside [0, %s)", index, size);
    return toConversation(sample(index));
  }

  /** The underlying sample of {@code index} (scene ground truth included). */
  public Sample sample(int index) {
    return generator.sample(split.seed(offset + index));
  }

  /** A sample as a conversation. */
  public static Conversation toConversation(Sample s) {
    return new Conversation(s.image(), s.question(), s.answer());
  }
}
