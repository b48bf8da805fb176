package org.twice.scheduler.spec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a spec file into a tree of YAML nodes, which keep the line and column of every value. Only
 * composes the tree: no Java objects are constructed from it, so tags cannot instantiate classes.
 */
final class YamlLoader {
  static final int MAX_BYTES = 1024 * 1024;

  /** A spec is a few levels deep and needs no aliases; these limits stop "billion laughs". */
  private static final int MAX_ALIASES = 8;

  private static final int MAX_DEPTH = 16;

  private YamlLoader() {}

  /** The top-level mapping of the file, or empty after recording why there is none. */
  static Optional<MappingNode> load(Path file, Problems problems) {
    return read(file, problems).flatMap(text -> compose(text, problems));
  }

  private static Optional<String> read(Path file, Problems problems) {
    if (!Files.exists(file)) {
      problems.inFile("file does not exist");
      return Optional.empty();
    }
    if (!Files.isRegularFile(file)) {
      problems.inFile("is not a regular file; give the path of a YAML spec file");
      return Optional.empty();
    }
    try {
      return decode(Files.readAllBytes(file), problems);
    } catch (IOException e) {
      problems.inFile("cannot be read: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<String> decode(byte[] bytes, Problems problems) {
    if (bytes.length > MAX_BYTES) {
      problems.inFile("is " + bytes.length + " bytes; a spec may be at most " + MAX_BYTES);
      return Optional.empty();
    }
    try {
      String text = strictUtf8(bytes);
      return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (CharacterCodingException e) {
      problems.inFile("is not valid UTF-8 text; save the spec as UTF-8");
      return Optional.empty();
    }
  }

  private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  private static Optional<MappingNode> compose(String text, Problems problems) {
    try {
      return topLevel(composer(text), problems);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      problems.at(mark, "", "is not valid YAML: " + describe(e));
      return Optional.empty();
    } catch (YAMLException e) {
      problems.inFile("cannot be read as a spec: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Composer composer(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowDuplicateKeys(true);
    return new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options);
  }

  private static Optional<MappingNode> topLevel(Composer composer, Problems problems) {
    Node root = composer.checkNode() ? composer.getNode() : null;
    if (root == null || root.getTag().equals(Tag.NULL)) {
      problems.inFile("is empty; a spec needs at least " + Formats.words(SpecReader.REQUIRED_KEYS));
      return Optional.empty();
    }
    if (composer.checkNode()) {
      problems.at(composer.getNode(), "", "a spec is one YAML document; remove the second one");
      return Optional.empty();
    }
    if (!(root instanceof MappingNode mapping) || !root.getTag().equals(Tag.MAP)) {
      problems.at(
          root, "", "the top level must be a mapping with keys " + Formats.words(SpecReader.KEYS));
      return Optional.empty();
    }
    return Optional.of(mapping);
  }

  private static String describe(MarkedYAMLException e) {
    String context = e.getContext() == null ? "" : e.getContext() + ": ";
    return context + e.getProblem();
  }
}
