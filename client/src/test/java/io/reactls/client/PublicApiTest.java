package io.reactls.client;

import io.reactls.testing.ModuleApiTest;

/** The client module's exported packages: fully documented, no internal type in their signatures. */
class PublicApiTest extends ModuleApiTest {
}
