package dev.specvlm.train.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The open-class word lists of the grammar: the words whose choice the image does not dictate (moods, likenesses,
 * uses, styles) and the small closed lists shared by several question types. Every entry is a phrase written as it
 * appears mid-sentence.
 */
final class Lexicon {
  private Lexicon() {}

  /** Number words for 0..6, the counts a scene can have. */
  static final List<String> NUMBER_WORDS = List.of("zero", "one", "two", "three", "four", "five", "six");

  /** Nouns for the picture as a whole. */
  static final List<String> IMAGE_NOUNS = List.of("image", "picture", "scene", "frame", "canvas", "illustration",
      "graphic", "composition", "drawing");

  /** Generic nouns for one object. */
  static final List<String> OBJECT_NOUNS = List.of("shape", "object", "figure", "form", "item");

  /** Generic plural nouns for objects. */
  static final List<String> OBJECT_PLURALS = List.of("shapes", "objects", "figures", "forms", "items");

  /** Nouns for a group of objects. */
  static final List<String> GROUP_NOUNS = List.of("arrangement", "layout", "collection", "set", "group",
      "assortment", "mix", "selection", "array", "medley", "display", "handful", "scattering", "cluster");

  /** Verbs that place one object somewhere, singular. */
  static final List<String> PLACE_VERBS = List.of("sits", "rests", "is placed", "is located", "appears",
      "can be seen", "is positioned", "lies", "floats", "stands", "is set", "is drawn", "shows up", "is tucked away");

  /** The plural forms of {@link #PLACE_VERBS}, index for index. */
  static final List<String> PLACE_VERBS_PLURAL = List.of("sit", "rest", "are placed", "are located", "appear",
      "can be seen", "are positioned", "lie", "float", "stand", "are set", "are drawn", "show up", "are tucked away");

  /** Adverbs of contrast ("stands out clearly"). */
  static final List<String> CONTRAST_ADVERBS = List.of("clearly", "nicely", "sharply", "strongly", "boldly", "well",
      "vividly", "distinctly", "plainly", "crisply", "neatly", "brightly", "cleanly");

  /** Hedges before a measured number. */
  static final List<String> APPROXIMATELY = List.of("about", "roughly", "approximately", "around", "nearly",
      "close to", "some");

  /** Degree adverbs before a mood adjective. */
  static final List<String> DEGREE = List.of("quite", "rather", "fairly", "very", "pretty", "somewhat", "really",
      "rather pleasantly", "surprisingly", "wonderfully", "decidedly", "slightly", "genuinely", "thoroughly");

  /** Adjectives of mood or impression. */
  static final List<String> MOODS = List.of("calm", "cheerful", "playful", "lively", "bold", "tidy", "simple",
      "clean", "minimal", "busy", "crowded", "sparse", "balanced", "harmonious", "vibrant", "vivid", "bright", "soft",
      "gentle", "quiet", "peaceful", "serene", "energetic", "dynamic", "striking", "friendly", "whimsical", "quirky",
      "cozy", "warm", "cool", "fresh", "crisp", "modern", "retro", "classic", "elegant", "neat", "orderly",
      "structured", "relaxed", "dreamy", "moody", "mysterious", "dramatic", "festive", "joyful", "sunny", "breezy",
      "childlike", "innocent", "formal", "geometric", "abstract", "graphic", "mathematical", "technical", "precise",
      "deliberate", "random", "scattered", "chaotic", "airy", "open", "compact", "dense", "colorful", "muted",
      "subdued", "lighthearted", "humble", "charming", "lovely", "pleasant", "inviting", "welcoming", "tranquil",
      "restful", "soothing", "youthful", "naive", "optimistic", "hopeful", "confident", "assertive", "loud", "punchy",
      "zesty", "spirited", "bouncy", "jaunty", "carefree", "casual", "informal", "polished", "refined", "sleek",
      "careful", "thoughtful", "curious", "intriguing", "puzzling", "enigmatic", "stark", "austere", "understated",
      "restrained", "rhythmic", "asymmetric", "lopsided", "uneven", "irregular", "organized", "methodical",
      "systematic", "clinical", "cold", "gloomy", "somber", "nocturnal", "wintry", "summery", "autumnal", "tropical",
      "nostalgic", "vintage", "timeless", "contemporary", "futuristic", "industrial", "urban", "rustic", "earthy",
      "bubbly", "sweet", "cute", "silly", "goofy", "funky", "groovy", "jazzy", "poetic", "musical", "lyrical",
      "theatrical", "cinematic", "iconic", "symbolic", "schematic", "educational", "instructive", "comforting",
      "uplifting", "tense", "restless", "sober", "radiant", "glowing", "crunchy", "spacious", "roomy", "intimate",
      "cheeky", "sassy", "sophisticated", "uncluttered", "unfussy", "straightforward", "honest", "candid", "modest",
      "flashy", "showy", "cheery", "merry", "sprightly", "buoyant", "zany", "offbeat", "eccentric", "mellow",
      "laid-back", "easygoing", "wholesome", "homely", "crafty", "handmade", "homemade", "sunlit", "shadowy",
      "luminous", "hazy", "misty", "glossy", "matte", "velvety", "silky", "textured", "layered", "chirpy", "perky",
      "peppy", "sparkling", "twinkling", "shimmering", "slow", "lazy", "sleepy", "drowsy", "wistful", "pensive",
      "brooding", "melancholy", "bittersweet", "tender", "affectionate", "romantic", "heroic", "epic", "grand",
      "majestic", "regal", "noble", "lavish", "opulent", "lush", "verdant", "barren", "desolate", "lonely",
      "isolated", "social", "chatty", "noisy", "rowdy", "unruly", "disciplined", "rebellious", "mischievous", "sly",
      "witty", "clever", "wise", "ancient", "primal", "fragile", "sturdy", "solid", "weightless", "heavy", "light",
      "delicate", "rough", "smooth", "sharp", "fuzzy", "exuberant", "jubilant", "serious", "solemn");

  /** Things a picture may remind one of, with their article. */
  static final List<String> LIKENESSES = List.of("a traffic light", "a game board", "a set of building blocks",
      "a sticker sheet", "a children's puzzle", "a night sky", "a garden seen from above", "a map with markers",
      "a bowl of candy", "a kite festival", "a row of signal flags", "a bag of marbles", "a page from a picture book",
      "a shop window", "a fruit stand", "a tiled floor", "a patchwork quilt", "a mosaic", "a toy box",
      "a birthday card", "a science poster", "a road sign", "a piece of modern art", "an abstract painting",
      "a set of fridge magnets", "a wall of stickers", "a clock face", "a star chart", "a dartboard",
      "a constellation", "a stained glass window", "a carnival poster", "a box of crayons", "a pinball machine",
      "a tray of cookies", "a jar of buttons", "a sewing kit", "a lab diagram", "a geometry textbook",
      "a math worksheet", "an old arcade game", "a video game level", "a circuit board", "a festival banner",
      "a bead necklace", "a charm bracelet", "a flower bed", "a pond with lily pads", "a city map", "a subway map",
      "a weather map", "an airport sign", "a bus stop poster", "a museum label", "a sports logo",
      "a school notice board", "a kitchen tile", "a bathroom tile", "a wrapping paper pattern", "a gift box",
      "a party invitation", "a greeting card", "a deck of playing cards", "a set of dominoes", "a chess board",
      "a jigsaw puzzle", "a memory game", "a board of buttons", "a remote control", "a calculator keypad",
      "a sewing pattern", "a quilt block", "a flag", "a coat of arms", "a badge collection", "a pin board",
      "a corkboard", "a bulletin board", "a blackboard sketch", "a whiteboard doodle", "a notebook doodle",
      "a margin doodle", "a napkin sketch", "a scrapbook page", "a travel journal", "a photo album",
      "a postage stamp", "a postcard", "a bookmark", "a book cover", "a record sleeve", "a concert poster",
      "a theater program", "a circus tent", "a fairground", "a playground", "a sandbox", "a toy shop", "a candy shop",
      "a bakery window", "a market stall", "a spice rack", "a paint palette", "an artist's palette", "a color wheel",
      "a paint swatch card", "a fabric sample", "a tile sample", "a wallpaper sample", "a shelf of jars",
      "a window display", "a neon sign", "a street mural", "a chalk drawing on a sidewalk", "a hopscotch grid",
      "a tangram set", "a shape sorter", "a pegboard", "a set of stencils", "a cookie cutter set", "a lunch box",
      "a pencil case", "a sticker album", "a comic strip", "a cartoon", "a children's television show",
      "a nursery wall", "a bedroom poster", "a classroom wall", "a kindergarten craft", "a paper cutout", "a collage",
      "a rug pattern", "a curtain pattern", "a beach towel", "a picnic blanket", "a kite",
      "a hot air balloon festival", "a fireworks display", "a lantern festival", "an aquarium", "a coral reef",
      "a field of flowers", "a meadow", "an orchard", "a vegetable garden", "a bird's eye view of a park",
      "a satellite photo", "a radar screen", "a sonar display", "a planetarium show", "a solar system model",
      "a mobile hanging over a crib", "a set of road signs", "a logo sheet", "an icon set", "an emoji keyboard",
      "a user interface mockup", "a slide from a presentation", "a chart without labels", "a test pattern",
      "a vision test", "an eye chart", "a flash card", "a bingo card", "a lottery ticket", "a pinwheel",
      "a confetti shower", "a snow globe", "a music box", "a pop art print", "a screen print", "a woodblock print",
      "a textile design", "a wallpaper design", "a tile design", "a modernist poster", "a museum poster",
      "a bag of gumdrops", "a box of chocolates", "a button collection", "a tray of paints", "a set of toy blocks",
      "a cake with sprinkles", "a pizza with toppings", "a window box of flowers", "a fish tank", "a bird's nest",
      "a beehive", "a pebble beach", "a tide pool", "a starry night", "a rainy window", "a frosted window",
      "a kaleidoscope", "a lava lamp", "a disco floor", "a stage with spotlights", "a marching band",
      "a parade float", "a balloon bouquet", "a garland", "a string of lights", "a holiday wreath",
      "a gingerbread house", "a cookie jar", "a candy wrapper", "a gumball machine", "a vending machine",
      "a claw machine", "a tabletop game", "a dice game", "a card game", "a marble run", "a toy train set",
      "a model village", "a doll house", "a box of toy bricks", "a magnetic board", "a felt board", "a sticker chart",
      "a reward chart", "a weekly planner", "a calendar", "a seating plan", "a floor plan", "a blueprint",
      "a treasure map", "a pirate map", "a garden plan", "a bus route map", "a hiking map", "a ski trail map",
      "a snowy field", "a frozen pond", "a campsite at night", "a harbor with boats", "a regatta", "a sailing race",
      "a parking lot from above", "a crowd from above", "a busy crosswalk", "a street market", "a food court",
      "a kitchen table", "a picnic table", "a toy chest", "a junk drawer", "a sewing box", "a button tin",
      "a bead box", "a jewelry box", "a drawer of socks", "a laundry line", "a clothes rack", "a spice market",
      "a flower market", "a fruit salad", "a salad bowl", "a cheese board", "a sushi platter", "a box of macarons",
      "a bakery tray", "a fishing net", "a butterfly collection", "a rock collection", "a shell collection",
      "a sticker book", "a coin collection");

  /** What a picture could be used as, without article. */
  static final List<String> USES = List.of("poster", "greeting card", "book cover", "phone wallpaper",
      "flash card", "logo", "game icon", "quiz question", "classroom handout", "puzzle",
      "screen saver", "test image for a vision model", "textile pattern", "tile design", "label",
      "sticker", "badge", "banner", "album cover", "placemat", "coaster", "mouse pad", "postcard",
      "calendar page", "notebook cover", "tote bag print", "mug design", "t-shirt print",
      "exercise in a workbook", "counting exercise", "memory card", "bookmark", "gift tag",
      "party invitation", "thank you card", "icon", "favicon", "loading screen", "slide background",
      "desktop background", "children's book illustration", "magazine illustration", "museum print",
      "sign", "window decal", "wall decal", "fridge magnet", "jigsaw puzzle", "board game tile",
      "playing card", "coloring page", "stencil", "quilt pattern", "rug design", "wrapping paper design");

  /** Who or what a picture could serve, as prepositional phrases. */
  static final List<String> AUDIENCES = List.of("for young children", "for a classroom", "for a geometry lesson",
      "for a memory game", "for a counting exercise", "for an art class", "for a design portfolio",
      "for a toy store", "for a kindergarten", "for a math workbook", "for a puzzle book", "for a museum shop",
      "for a nursery", "for a waiting room", "for a coffee shop", "for a birthday party", "for a science fair",
      "for a school project", "for a quiz night", "for a language lesson", "for a color lesson",
      "for a vision test", "for a computer vision benchmark", "for a typography class", "for a design blog",
      "for a children's app", "for a learning game", "for a board game", "for a craft fair", "for a print shop",
      "for a greeting card company", "for a small bakery", "for a summer camp", "for a library",
      "for a community center", "for a toddler", "for curious kids", "for a rainy afternoon",
      "for a holiday season", "for a spring festival");

  /** Visual styles, as modifiers ("a calm, flat feel", "in a flat style"). */
  static final List<String> STYLES = List.of("flat", "vector", "minimalist", "cartoonish", "digital", "clip art",
      "geometric", "modernist", "Bauhaus", "Memphis", "pop art", "retro", "storybook", "infographic", "textbook",
      "flat design", "screen print", "block print", "collage", "mosaic", "stencil", "hand-drawn", "naive",
      "folk art", "Scandinavian", "mid-century", "abstract", "playful", "poster-like", "paper-cut", "vintage",
      "graphic", "toy-like", "print-like", "sticker-like", "cutout", "schoolbook", "arcade", "pixel art",
      "Art Deco", "Swiss", "op art", "naive art", "kindergarten");

  /** Closing lines of a long answer, as an assistant adds them. */
  static final List<String> CLOSERS = List.of("Let me know if you would like more detail.", "I hope this helps.",
      "Feel free to ask about any of the shapes.", "Is there anything else you would like to know?",
      "I can describe any part of it in more detail if you like.", "Happy to zoom in on any of the shapes.",
      "Ask me if you want the exact coordinates.", "Tell me if you need the colors or sizes of the shapes.");

  /** Sentence openers of an answer, followed by a comma; they are capitalised in use. */
  static final List<String> OPENERS = List.of("in this image", "in the image", "in this picture", "in the picture",
      "looking at the image", "looking at the picture", "from what I can see", "at first glance",
      "as far as I can tell", "here", "in this scene", "on this canvas", "judging by the image", "as shown",
      "as you can see", "if you look closely", "at a glance", "in short", "to put it simply", "overall");

  /** Every list of this class as the grammar writes it (openers capitalised), for the vocabulary. */
  static List<List<String>> all() {
    List<List<String>> all = new ArrayList<>();
    all.add(NUMBER_WORDS);
    all.add(IMAGE_NOUNS);
    all.add(OBJECT_NOUNS);
    all.add(OBJECT_PLURALS);
    all.add(GROUP_NOUNS);
    all.add(PLACE_VERBS);
    all.add(PLACE_VERBS_PLURAL);
    all.add(CONTRAST_ADVERBS);
    all.add(APPROXIMATELY);
    all.add(DEGREE);
    all.add(MOODS);
    all.add(LIKENESSES);
    all.add(USES);
    all.add(AUDIENCES);
    all.add(STYLES);
    all.add(CLOSERS);
    List<String> openers = new ArrayList<>();
    OPENERS.forEach(o -> openers.add(Text.capitalize(o)));
    all.add(openers);
    return all;
  }
}
