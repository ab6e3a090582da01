// Tests arrive with the JSON-RPC and sophon-auth issue.
