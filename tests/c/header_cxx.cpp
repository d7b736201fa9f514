// include/oauth1.h compiles as C++ (extern "C", enums with a fixed
// uint32_t underlying type) and links: built with -Wall -Wextra -Wpedantic
// -Werror by mk/c.mk and run.
#include <oauth1.h>

#include <cstdio>
#include <cstring>

static_assert(sizeof(oauth1_result) == 4, "oauth1_result is uint32_t-sized");
static_assert(OAUTH1_RESULT_OK == 0, "OK is 0");

int main() {
    oauth1_signer_builder *builder = nullptr;
    oauth1_signer *signer = nullptr;
    oauth1_signed *signed_request = nullptr;
    char *signature = nullptr;
    oauth1_result r = oauth1_signer_builder_new("ck", "cs", &builder);
    if (r == OAUTH1_RESULT_OK) r = oauth1_signer_builder_build(builder, &signer);
    if (r == OAUTH1_RESULT_OK)
        r = oauth1_signer_sign(signer, "GET", "https://example.com/", nullptr, 0, nullptr, nullptr,
                               &signed_request);
    if (r == OAUTH1_RESULT_OK) r = oauth1_signed_signature(signed_request, &signature);
    bool ok = r == OAUTH1_RESULT_OK && std::strlen(signature) == 28;
    std::printf("c++ header: %s (liboauth1 %s)\n", ok ? "ok" : oauth1_result_str(r), oauth1_version());
    oauth1_string_free(signature);
    oauth1_signed_free(signed_request);
    oauth1_signer_free(signer);
    oauth1_signer_builder_free(builder);
    return ok ? 0 : 1;
}
