package io.kafkademo.app.aws;

import io.kafkademo.app.security.ScramCredentials;

/** The credentials read from one version of the secret; the version id is what operators compare, never the value. */
record ScramSecret(ScramCredentials credentials, String versionId) {
}
