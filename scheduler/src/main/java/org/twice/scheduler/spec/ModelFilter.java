package org.twice.scheduler.spec;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A filter over a spec's models, such as the one that picks a distillation's teachers: for each
 * grid field it names, the values a model may have. A model matches if it has one of the values of
 * every field named; a filter that names no field matches every model.
 *
 * @param values the allowed values of each field, typed as {@link ModelSpec#field} gives them
 */
record ModelFilter(Map<String, List<?>> values) {
  ModelFilter {
    values = Map.copyOf(values);
  }

  boolean matches(ModelSpec model) {
    return values.entrySet().stream()
        .allMatch(field -> field.getValue().contains(model.field(field.getKey())));
  }

  /**
   * The values the given models have in the fields this filter names, for a message, such as {@code
   * architecture mlp, cnn; seed 1, 2}.
   */
  String valuesIn(List<ModelSpec> models) {
    return ModelReader.FILTER_KEYS.stream()
        .filter(values::containsKey)
        .map(key -> key + " " + shown(models, key))
        .collect(Collectors.joining("; "));
  }

  private static String shown(List<ModelSpec> models, String key) {
    return models.stream().map(m -> m.shown(key)).distinct().collect(Collectors.joining(", "));
  }
}
