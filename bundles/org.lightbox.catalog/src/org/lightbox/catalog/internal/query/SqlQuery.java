package org.lightbox.catalog.internal.query;

import java.util.List;

/** One SQL statement with its bind values, in order. Values are always bound, never written into the SQL. */
public record SqlQuery(String sql, List<Object> params) {

    public SqlQuery {
        params = List.copyOf(params);
    }
}
