/**
 * developers's contract: the generated OpenAPI document and gateway models are current, the released
 * version has no breaking change, and serverless.yml declares exactly the contract's routes.
 */
import { api } from '@emporium/developers-contract/api';
import { describeContractChecks } from '@emporium/openapi/contract-checks';
import path from 'node:path';

describeContractChecks({ serviceDir: path.resolve(__dirname, '..'), apis: [api] });
