/**
 * The procedural image–text data of the bundled tiny VLM, and its tokenizer. No corpus is stored: a sample is a pure
 * function of a 64-bit seed.
 *
 * <h2>Samples</h2>
 *
 * <ul>
 *   <li>{@link dev.specvlm.train.data.SampleGenerator} turns a seed into a {@link dev.specvlm.train.data.Sample}: an
 *       RGB image of a {@link dev.specvlm.train.data.Scene} (1–6 shapes of 16 kinds, 12 colour families, 3 sizes, on a
 *       plain, gradient, grainy, striped, checkered or dotted background) at one of the
 *       {@link dev.specvlm.train.data.Resolution#STANDARD} sizes (64 to 1024 visual tokens at patch 8), and a
 *       {@link dev.specvlm.train.data.Dialogue}: a question of one of the {@link dev.specvlm.train.data.QuestionType}s,
 *       its answer, and the canonical fact a correct answer states (for accuracy).</li>
 *   <li>The answer's facts come from the scene; its wording (openers, synonyms, order, optional clauses, remarks,
 *       British or American spelling) is drawn, and the grammar records how many bits of choice it spent
 *       ({@link dev.specvlm.train.data.Dialogue#answerBits()}).</li>
 *   <li>{@link dev.specvlm.train.data.DataSplit} reserves seeds {@code [2^40, 2^40 + 2^20)} for evaluation;
 *       training uses {@code [0, 2^40)}.</li>
 *   <li>{@link dev.specvlm.train.data.SceneDump} writes samples as PNG and text for inspection.</li>
 * </ul>
 *
 * <h2>Tokenizer and sequence format</h2>
 *
 * <ul>
 *   <li>{@link dev.specvlm.train.data.Vocabulary#bundled()}: a word-level vocabulary built from the grammar (2–4 k
 *       real words, numbers and marks; ids 0–4 are {@link dev.specvlm.train.data.SpecialTokens}).</li>
 *   <li>{@link dev.specvlm.train.data.TokenizerJsonWriter} writes it as a Hugging Face {@code tokenizer.json};
 *       {@link dev.specvlm.train.data.WordTokenizer} is the same tokenizer in pure Java (core's
 *       {@link dev.specvlm.core.model.Tokenizer}).</li>
 *   <li>{@link dev.specvlm.train.data.ConversationFormat}: {@code <bos> USER: <image>×N question ASSISTANT: answer
 *       <eos>} with a loss mask on the answer and the final {@code <eos>}
 *       ({@link dev.specvlm.train.data.EncodedConversation}).</li>
 * </ul>
 *
 * <p>Package-private: the scene generator and renderer, the grammar ({@code DialogueGrammar}, {@code ObjectQuestions},
 * {@code SceneQuestions}, {@code SceneTalk}, {@code Referrer}, {@code Titles}, {@code Lexicon}), and the pieces of
 * the tokenizer ({@code WordPieces}, {@code VocabularyBuilder}).
 */
@NullMarked
package dev.specvlm.train.data;

import org.jspecify.annotations.NullMarked;
