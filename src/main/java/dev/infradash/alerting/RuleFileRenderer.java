package dev.infradash.alerting;

import dev.infradash.fleet.CollectorProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders the rules into a Prometheus rule file. SnakeYAML writes every value, so a name or an
 * expression can never end a string or add keys; the labels are fixed ({@code severity}, the rule
 * id in {@link RuleRoutes#RULE_LABEL}) and the templates hold nothing an admin typed.
 * Disabled rules are left out.
 */
@Component
public class RuleFileRenderer {

    static final String GROUP = "infradash-managed";
    private static final String HEADER = "# Written by Infradash from its alert rules (alert-rules.json in its data"
            + " directory).\n# Edit the rules in Infradash (Alert rules, or /api/alerting/rules): changes made here are"
            + " overwritten.\n";

    private final RuleExpressions expressions;

    @Autowired
    public RuleFileRenderer(CollectorProperties collector) {
        this(collector.filesystemTypeExclude());
    }

    RuleFileRenderer(String filesystemTypeExclude) {
        this.expressions = new RuleExpressions(filesystemTypeExclude);
    }

    /** The whole rule file for these rules. */
    public String render(List<AlertRule> rules) {
        List<Map<String, Object>> rendered = new ArrayList<>();
        for (AlertRule rule : rules) {
            if (rule.enabled()) {
                rendered.add(rule(rule));
            }
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", GROUP);
        group.put("rules", rendered);
        return HEADER + yaml().dump(Map.of("groups", List.of(group)));
    }

    /** The expression Prometheus will evaluate for this rule. */
    public String expression(AlertRule rule) {
        return expressions.expression(rule);
    }

    private Map<String, Object> rule(AlertRule rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alert", rule.alertName());
        out.put("expr", expressions.expression(rule));
        out.put("for", RuleExpressions.promDuration(rule.forDuration()));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("severity", rule.severity().key());
        labels.put(RuleRoutes.RULE_LABEL, rule.id());
        out.put("labels", labels);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", expressions.summary(rule));
        annotations.put("description", expressions.description(rule));
        out.put("annotations", annotations);
        return out;
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setSplitLines(false);
        options.setAllowUnicode(true);
        return new Yaml(options);
    }
}
