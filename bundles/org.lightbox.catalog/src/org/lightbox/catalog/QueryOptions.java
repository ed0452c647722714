package org.lightbox.catalog;

/**
 * How a query matches and what it adds to the results.
 *
 * @param caseInsensitivePersonNames match PN values ignoring case (the seed's peers type names in any case)
 * @param relational                 relational queries (extended negotiation, PS3.4 C.4.1.2.2.2): keys of every
 *                                   level are matched and the unique keys above the query level are not
 *                                   required
 * @param retrieveAETitle            the value for Retrieve AE Title (0008,0054) when it is asked for, or
 *                                   {@code null}
 * @param limit                      at most this many results; 0 for no limit
 */
public record QueryOptions(boolean caseInsensitivePersonNames, boolean relational, String retrieveAETitle,
        int limit) {

    /** Hierarchical, case-sensitive, no Retrieve AE Title, no limit. */
    public static final QueryOptions DEFAULT = new QueryOptions(false, false, null, 0);

    public QueryOptions {
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit " + limit);
        }
    }

    public QueryOptions withCaseInsensitivePersonNames(boolean b) {
        return new QueryOptions(b, relational, retrieveAETitle, limit);
    }

    public QueryOptions withRelational(boolean b) {
        return new QueryOptions(caseInsensitivePersonNames, b, retrieveAETitle, limit);
    }

    public QueryOptions withRetrieveAETitle(String aet) {
        return new QueryOptions(caseInsensitivePersonNames, relational, aet, limit);
    }

    public QueryOptions withLimit(int n) {
        return new QueryOptions(caseInsensitivePersonNames, relational, retrieveAETitle, n);
    }
}
