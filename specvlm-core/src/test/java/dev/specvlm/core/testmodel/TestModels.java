package dev.specvlm.core.testmodel;

import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.core.model.CompressorModel;
import dev.specvlm.core.model.DraftModel;
import dev.specvlm.core.model.Embedder;
import dev.specvlm.core.model.ModelBundle;
import dev.specvlm.core.model.ModelSpec;
import dev.specvlm.core.model.TargetModel;
import dev.specvlm.core.model.Tokenizer;
import dev.specvlm.core.model.VisionEncoder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Builds {@link ModelBundle}s of the pure-Java test models. */
public final class TestModels {
  private TestModels() {}

  /** A builder with V=64, H=8, context 4096, sharpness 4, draft noise 1.5, a draft, vision and a chat template. */
  public static Builder builder() {
    return new Builder();
  }

  /** A bundle of test models; exposes the concrete models for fault injection. */
  public static final class Bundle implements ModelBundle {
    private final ModelSpec spec;
    private final TestTokenizer tokenizer;
    private final @Nullable StubVision vision;
    private final TestEmbedder embedder;
    private final ReferenceTarget target;
    private final @Nullable TunableDraft draft;
    private final @Nullable TestCompressor compressor;
    private final AtomicInteger closeCalls = new AtomicInteger();

    Bundle(ModelSpec spec, TestTokenizer tokenizer, @Nullable StubVision vision, TestEmbedder embedder,
        ReferenceTarget target, @Nullable TunableDraft draft, @Nullable TestCompressor compressor) {
      this.spec = spec;
      this.tokenizer = tokenizer;
      this.vision = vision;
      this.embedder = embedder;
      this.target = target;
      this.draft = draft;
      this.compressor = compressor;
    }

    @Override
    public ModelSpec spec() {
      return spec;
    }

    @Override
    public Tokenizer tokenizer() {
      return tokenizer;
    }

    /** The concrete tokenizer. */
    public TestTokenizer testTokenizer() {
      return tokenizer;
    }

    @Override
    public @Nullable VisionEncoder vision() {
      return vision;
    }

    @Override
    public Embedder embedder() {
      return embedder;
    }

    @Override
    public TargetModel target() {
      return target;
    }

    /** The concrete target, for fault injection. */
    public ReferenceTarget referenceTarget() {
      return target;
    }

    @Override
    public @Nullable DraftModel draft() {
      return draft;
    }

    /** The concrete draft, or null. */
    public @Nullable TunableDraft tunableDraft() {
      return draft;
    }

    @Override
    public @Nullable CompressorModel compressor() {
      return compressor;
    }

    /** The concrete compressor, or null. */
    public @Nullable TestCompressor testCompressor() {
      return compressor;
    }

    /** The compressor's own draft (a second {@link TunableDraft}), or null. */
    public @Nullable TunableDraft compressorDraft() {
      return compressor == null ? null : (TunableDraft) compressor.draft();
    }

    /** How often {@link #close()} was called. */
    public int closeCalls() {
      return closeCalls.get();
    }

    @Override
    public void close() {
      closeCalls.incrementAndGet();
    }
  }

  /** Configures a test bundle. */
  public static final class Builder {
    private int vocab = 64;
    private int hidden = 8;
    private int contextLength = 4096;
    private double sharpness = 4;
    private double draftNoise = 1.5;
    private long salt = 1;
    private boolean withDraft = true;
    private boolean withVision = true;
    private boolean chatTemplate = true;
    private @Nullable List<CompressorBranch> compressorBranches;
    private int weightedRatio;
    private boolean compressorDraft = true;

    private Builder() {}

    /**
     * Adds a {@link TestCompressor} with {@code branches} (gate order), a weighted gate of {@code weightedRatio}
     * (0: none) and, if {@code ownDraft}, its own {@link TunableDraft} (same language and noise as the bundle's).
     */
    public Builder compressor(List<CompressorBranch> branches, int weightedRatio, boolean ownDraft) {
      this.compressorBranches = List.copyOf(branches);
      this.weightedRatio = weightedRatio;
      this.compressorDraft = ownDraft;
      return this;
    }

    /** Adds SpecVLM's default branches, a weighted gate of ratio 3 and the compressor's own draft. */
    public Builder withCompressor() {
      return compressor(TestCompressor.defaultBranches(), 3, true);
    }

    /** V (at least 16 for the tokenizer's fixed pieces to fit). */
    public Builder vocab(int v) {
      this.vocab = v;
      return this;
    }

    /** H, at least 4. */
    public Builder hidden(int h) {
      this.hidden = h;
      return this;
    }

    /** The context length of the spec and the target. */
    public Builder contextLength(int n) {
      this.contextLength = n;
      return this;
    }

    /** Logits are uniform in [−sharpness, sharpness]. */
    public Builder sharpness(double s) {
      this.sharpness = s;
      return this;
    }

    /** Draft disagreement: 0 ranks as the target, large is near random. */
    public Builder draftNoise(double noise) {
      this.draftNoise = noise;
      return this;
    }

    /** Selects a different language. */
    public Builder salt(long salt) {
      this.salt = salt;
      return this;
    }

    /** Whether the bundle has a draft head. */
    public Builder withDraft(boolean on) {
      this.withDraft = on;
      return this;
    }

    /** Whether the bundle has a vision encoder (and an image token id). */
    public Builder withVision(boolean on) {
      this.withVision = on;
      return this;
    }

    /** Whether the spec has a chat template (prefix "x", suffix " the."). */
    public Builder chatTemplate(boolean on) {
      this.chatTemplate = on;
      return this;
    }

    /** Builds the bundle. */
    public Bundle build() {
      ReferenceLanguage language = new ReferenceLanguage(vocab, hidden, sharpness, salt);
      ModelSpec spec = new ModelSpec("reference-V" + vocab, vocab, hidden, contextLength,
          List.of(TestTokenizer.EOS), TestTokenizer.BOS, withVision ? TestTokenizer.IMAGE : null,
          chatTemplate ? new ModelSpec.ChatTemplate("x", " the.") : null);
      TestCompressor compressor = compressorBranches == null ? null : new TestCompressor(hidden,
          compressorBranches, weightedRatio, compressorDraft ? new TunableDraft(language, draftNoise) : null, salt);
      return new Bundle(spec, new TestTokenizer(vocab), withVision ? new StubVision(hidden) : null,
          new TestEmbedder(hidden), new ReferenceTarget(language, contextLength),
          withDraft ? new TunableDraft(language, draftNoise) : null, compressor);
    }
  }
}
