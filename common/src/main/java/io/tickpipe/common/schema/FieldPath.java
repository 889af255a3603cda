package io.tickpipe.common.schema;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Turns the JSON-pointer location of an Avro incompatibility ({@code /fields/8/type}) into the
 * dotted field name a person recognises ({@code Trade.venue}).
 */
final class FieldPath {
    private FieldPath() {
    }

    static Optional<String> of(Schema root, String location) {
        if (location == null || !location.startsWith("/")) {
            return Optional.empty();
        }
        String[] steps = location.substring(1).split("/");
        StringBuilder path = new StringBuilder(root.getName());
        Schema current = root;
        boolean named = false;
        for (int i = 0; i < steps.length; i++) {
            if ("fields".equals(steps[i]) && i + 1 < steps.length && current.getType() == Schema.Type.RECORD) {
                int index;
                try {
                    index = Integer.parseInt(steps[++i]);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                if (index < 0 || index >= current.getFields().size()) {
                    return Optional.empty();
                }
                Schema.Field field = current.getFields().get(index);
                path.append('.').append(field.name());
                current = field.schema();
                named = true;
            } else if ("items".equals(steps[i]) && current.getType() == Schema.Type.ARRAY) {
                current = current.getElementType();
            } else if ("values".equals(steps[i]) && current.getType() == Schema.Type.MAP) {
                current = current.getValueType();
            } else if ("type".equals(steps[i]) || "name".equals(steps[i]) || "symbols".equals(steps[i])) {
                continue;
            } else if (current.getType() == Schema.Type.UNION && steps[i].chars().allMatch(Character::isDigit)) {
                int branch = Integer.parseInt(steps[i]);
                if (branch >= current.getTypes().size()) {
                    return Optional.empty();
                }
                current = current.getTypes().get(branch);
            }
        }
        return named ? Optional.of(path.toString()) : Optional.empty();
    }
}
