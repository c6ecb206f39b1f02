package dev.plumbline.metrics.ir.measures;

import dev.plumbline.metrics.ir.BoundMeasure;
import dev.plumbline.metrics.ir.IrMeasure;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every measure family here shares: its name and description, and binding: the parameters
 * (the text after the dot of {@code -m}) parsed into a {@code P}, or a fresh copy of the defaults
 * when none are given, handed on with the printed name trec_eval gives a one-value family
 * ({@code append_string} in {@code meas_init.c}): the bare name without parameters, else the name,
 * an underscore and the parameter text exactly as typed ({@code ndcg_1=3,2=9}).
 *
 * @param <P> the parsed parameters
 */
abstract class MeasureFamily<P> implements IrMeasure {
    private final String name;
    private final String description;
    private final Supplier<P> defaults;
    private final Function<String, P> parser;

    /**
     * @param defaults a fresh copy of the defaults on every call (bound measures keep what they get)
     * @param parser   parses parameter text, throwing {@link IllegalArgumentException} naming the
     *                 constraint it breaks
     */
    MeasureFamily(String name, String description, Supplier<P> defaults, Function<String, P> parser) {
        this.name = name;
        this.description = description;
        this.defaults = defaults;
        this.parser = parser;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final BoundMeasure bind(String params) {
        if (params == null) {
            return bind(name, defaults.get(), false);
        }
        return bind(name + "_" + params, parser.apply(params), true);
    }

    /**
     * Binds parsed parameters.
     *
     * @param printedName the value's printed name
     * @param values      the parameters (the defaults when none were given)
     * @param userParams  whether parameters were given (the printed name then carries them)
     */
    abstract BoundMeasure bind(String printedName, P values, boolean userParams);
}
