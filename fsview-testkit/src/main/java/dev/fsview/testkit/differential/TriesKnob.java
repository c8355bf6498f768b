package dev.fsview.testkit.differential;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets {@code -Dfsview.testkit.tries=N} override how many sequences a differential property runs
 * (e.g. 100000 for a long local run); without it the property's own default applies.
 */
public final class TriesKnob implements AroundPropertyHook {
    /** The system property. */
    public static final String PROPERTY = "fsview.testkit.tries";

    /** Creates the hook (jqwik instantiates it). */
    public TriesKnob() {
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context,
            PropertyExecutor property) {
        String tries = System.getProperty(PROPERTY, "").trim();
        if (!tries.isEmpty()) {
            context.attributes().setTries(Integer.parseInt(tries));
        }
        return property.execute();
    }
}
