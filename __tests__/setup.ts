import { Testing } from "cdktf";
// Type-only: declares cdktf's jest matchers (toHaveResourceWithProperties...) for tsc.
import type {} from "cdktf/lib/testing/adapters/jest";

Testing.setupJest();
