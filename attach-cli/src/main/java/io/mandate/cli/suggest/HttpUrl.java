package io.mandate.cli.suggest;

/** A recorded http resource split into its origin (scheme://host[:port], kept exact) and its path. */
record HttpUrl(String origin, String path) {
    static HttpUrl split(String url) {
        int scheme = url.indexOf("://");
        int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (slash < 0) {
            return new HttpUrl(url, "/");
        }
        return new HttpUrl(url.substring(0, slash), url.substring(slash));
    }
}
