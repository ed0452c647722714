package org.lightbox.catalog;

import java.util.Objects;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;

/**
 * A C-FIND (or C-MOVE / C-GET) identifier to answer from the catalog. The keys are the request identifier as
 * received: their Specific Character Set decodes the matching values; every key present is a return key.
 * Matching follows PS3.4 C.2.2.2: universal (empty value), single value, wildcard ('*', '?'), range for DA, TM
 * and DT ("a-b", "a-", "-b"), list of UIDs ('\'-separated; other VRs: any of the values), sequence matching
 * (one item of keys, matched against any stored item).
 *
 * @param model   the information model (from the SOP class)
 * @param level   the query/retrieve level
 * @param keys    the identifier; not copied, do not change it while the query runs
 * @param options matching options
 */
public record FindQuery(InformationModel model, QueryLevel level, Attributes keys, QueryOptions options) {

    public FindQuery {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(options, "options");
    }

    /** The query of an identifier, its level read from (0008,0052) Query/Retrieve Level. */
    public static FindQuery of(InformationModel model, Attributes keys, QueryOptions options)
            throws InvalidQueryException {
        String value = keys.getString(Tag.QueryRetrieveLevel);
        QueryLevel level = QueryLevel.of(value);
        if (level == null) {
            throw new InvalidQueryException(Tag.QueryRetrieveLevel,
                    value == null ? "Query/Retrieve Level is missing" : "unknown Query/Retrieve Level \"" + value + "\"");
        }
        if (!model.has(level)) {
            throw new InvalidQueryException(Tag.QueryRetrieveLevel, "the " + model + " model has no " + level + " level");
        }
        return new FindQuery(model, level, keys, options);
    }
}
