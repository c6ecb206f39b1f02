package dev.plumbline.metrics.ir.measures;

import dev.plumbline.datasets.trec.CNumbers;

/**
 * A one-value measure with a list of double parameters ({@code utility}, {@code 11pt_avg},
 * {@code set_F}, {@code relstring}). Parameters parse like trec_eval's {@code get_double_params}:
 * comma separated, each read with {@code atof}, kept in the given order. With parameters the
 * value prints as the name, an underscore and the parameter text exactly as typed
 * ({@code -m 11pt_avg..25,.5} prints {@code 11pt_avg_.25,.5}, {@code append_string} in
 * {@code meas_init.c}); without, as the bare name.
 */
abstract class DoubleParamMeasure extends MeasureFamily<double[]> {
    DoubleParamMeasure(String name, String description, double... defaults) {
        super(name, description, defaults::clone, DoubleParamMeasure::parseDoubles);
    }

    /** {@code get_double_params}: comma separated {@code atof} values, in order. */
    static double[] parseDoubles(String params) {
        String[] parts = params.split(",", -1);
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = CNumbers.atof(parts[i]);
        }
        return values;
    }
}
