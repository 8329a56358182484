// Component tests run beside the node suites on 2 cores: give async queries room under load
// (findBy*/waitFor default to 1 s, which a busy CI machine can miss without anything being wrong).
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5000 });
