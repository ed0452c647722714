package org.lightbox.dicom.core.io;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floating point numbers formatted as dcmdump prints them: FL as C's {@code printf("%.9g")}, FD with the fewest
 * significant digits that read back to the same double, laid out like {@code %.17g} (exponent form below 1e-4 and
 * from 1e17 on, trailing zeros dropped).
 */
final class PrintfFloat {

    private PrintfFloat() {
    }

    /** C's {@code %.<precision>g}. */
    static String g(double v, int precision) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
            return special(v);
        }
        BigDecimal bd = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        return layout(bd, precision);
    }

    /** The shortest decimal that reads back as {@code v}, laid out as {@code %.17g}; zero of either sign is "0". */
    static String shortest(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return special(v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p < 17; p++) {
            BigDecimal bd = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (bd.doubleValue() == v) {
                return layout(bd, 17);
            }
        }
        return layout(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)), 17);
    }

    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return 1 / v < 0 ? "-0" : "0";
    }

    private static String layout(BigDecimal bd, int precision) {
        BigDecimal stripped = bd.stripTrailingZeros();
        String digits = stripped.unscaledValue().abs().toString();
        int exponent = stripped.precision() - stripped.scale() - 1; // of the leading digit
        StringBuilder sb = new StringBuilder(digits.length() + 8);
        if (stripped.signum() < 0) {
            sb.append('-');
        }
        if (exponent < -4 || exponent >= precision) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append(exponent < 0 ? "e-" : "e+");
            int e = Math.abs(exponent);
            if (e < 10) {
                sb.append('0');
            }
            sb.append(e);
        } else if (exponent < 0) {
            sb.append("0.");
            for (int i = -1; i > exponent; i--) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (digits.length() <= exponent + 1) {
            sb.append(digits);
            for (int i = digits.length(); i <= exponent; i++) {
                sb.append('0');
            }
        } else {
            sb.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
        return sb.toString();
    }
}
