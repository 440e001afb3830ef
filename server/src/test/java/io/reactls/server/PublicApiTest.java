package io.reactls.server;

import io.reactls.testing.ModuleApiTest;

/** The server module's exported packages: fully documented, no internal type in their signatures. */
class PublicApiTest extends ModuleApiTest {
}
