import { checkIncremental } from './fuzz/properties';
const base = "apiVersion: extensions/v1beta1\nkind: Deployment\nspec:\n  containers: []\n---\napiVersion: extensions/v1beta1\nkind: Deployment\nspec:\n  containers: []\n";
try { checkIncremental({path:'k8s/deploy.yaml', text: base}, [{"at":0,"len":0,"text":"\r"},{"at":0,"len":0,"text":"---\n"}]); } catch(e) { console.log(String(e).slice(0,3000)); }
