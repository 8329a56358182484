// The action fuzz, shard 1 of 2 (local-engine/fuzz-suite.ts has the suite and says why it is split).
import { defineFuzzShard } from '../../local-engine/fuzz-suite';

defineFuzzShard(0, 2);
