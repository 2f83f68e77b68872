package dev.infradash.alerting;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What {@code promtool check rules} would say about a rendered rule file, short of parsing PromQL
 * (Prometheus itself does that: {@link ManagedRuleFile} asks it): the YAML reads back, every alert
 * has a metric-name-like name, an expression, a valid {@code for}, valid label names, and
 * templates that only use {@code $labels} and {@code $value}.
 */
final class RuleFileCheck {

    private static final Pattern ALERT_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern DURATION =
            Pattern.compile("(\\d+y)?(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?");
    private static final Pattern TEMPLATE_ACTION = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern SAFE_ACTION =
            Pattern.compile(" \\$(labels\\.[a-z_]+|value)( \\| printf \"%\\.1f\")? ");

    private RuleFileCheck() {}

    static List<String> problems(String yamlText) {
        List<String> problems = new ArrayList<>();
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        } catch (RuntimeException e) {
            return List.of("the rule file is not YAML: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> file) || !(file.get("groups") instanceof List<?> groups)) {
            return List.of("the rule file has no groups list");
        }
        Set<String> groupNames = new HashSet<>();
        for (Object g : groups) {
            if (!(g instanceof Map<?, ?> group) || !(group.get("rules") instanceof List<?> rules)) {
                problems.add("a group without rules list");
                continue;
            }
            if (!groupNames.add(String.valueOf(group.get("name")))) {
                problems.add("duplicate group " + group.get("name"));
            }
            for (Object r : rules) {
                if (r instanceof Map<?, ?> rule) {
                    check(rule, problems);
                } else {
                    problems.add("a rule that is not a map");
                }
            }
        }
        return problems;
    }

    private static void check(Map<?, ?> rule, List<String> problems) {
        String name = String.valueOf(rule.get("alert"));
        if (!ALERT_NAME.matcher(name).matches()) {
            problems.add("invalid alert name " + name);
        }
        if (!(rule.get("expr") instanceof String expr) || expr.isBlank()) {
            problems.add(name + ": no expression");
        }
        if (!(rule.get("for") instanceof String duration)
                || !DURATION.matcher(duration).matches()) {
            problems.add(name + ": invalid for " + rule.get("for"));
        }
        if (rule.get("labels") instanceof Map<?, ?> labels) {
            labels.forEach((key, value) -> {
                if (!LABEL_NAME.matcher(String.valueOf(key)).matches()
                        || key.toString().startsWith("__")) {
                    problems.add(name + ": invalid label name " + key);
                }
                if (!(value instanceof String)) {
                    problems.add(name + ": label " + key + " is not a string");
                }
            });
        } else {
            problems.add(name + ": no labels");
        }
        if (rule.get("annotations") instanceof Map<?, ?> annotations) {
            annotations.forEach((key, value) -> {
                var actions = TEMPLATE_ACTION.matcher(String.valueOf(value));
                while (actions.find()) {
                    if (!SAFE_ACTION.matcher(actions.group(1)).matches()) {
                        problems.add(name + ": annotation " + key + " has an unexpected template " + actions.group());
                    }
                }
            });
        }
    }
}
