/** Default export of the login/register dialog, for the shell's lazy import. */
import { AuthModal } from './AuthModal';

export default AuthModal;
